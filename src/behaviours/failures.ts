/** Failures as one behaviour: when a request fails (`failure_rate`, `every`, `outage`) and how (`failure`). */
import type { CompiledResponse } from '../model/answer';
import type { FailureSpec } from '../model/endpoint';
import type { BehaviourDefinition, Exchange } from '../model/pipeline';
import type { ResponsePlan } from '../model/response-plan';
import type { ConfigIssue } from '../model/config-issue';
import { fingerprint } from '../util/fingerprint';
import { templateContext } from '../util/template-context';
import { compileFailureSchedule, type FailureSchedule } from './failure-schedule';
import { compileFailurePicker, type PickedFailure } from './failure-picker';
import type { Random } from '../model/clock';
import { delayOf } from '../util/delay';

function defaultFailureBody(name: string): unknown {
  return { error: 'injected failure', endpoint: name };
}

interface Compiled {
  schedule: FailureSchedule;
  pick: (random: Random) => PickedFailure;
  answers: Array<CompiledResponse | null>;
  everyKey: string;
  loadedAt: number;
  outage: boolean;
}

/** The request failed: a `status` failure answers here; a fault on the socket is carried out on the responder's answer. */
function failed(x: Exchange, c: Compiled): ResponsePlan | undefined {
  const picked = c.pick(x.random.chaos);
  const kind = picked.spec.kind;
  const answer = c.answers[picked.index];
  if (kind === 'status' && answer) {
    const delayMs = delayOf(x);
    const out = answer.render(templateContext(x), { now: x.now, random: x.random.template });
    return { endpoint: x.endpoint, status: answer.status, headers: out.headers, body: out.body, delayMs, failure: { kind } };
  }
  x.fault = { kind, durationMs: picked.spec.duration_ms };
  return undefined;
}

function decided(x: Exchange, c: Compiled, count: number, origin: number): ResponsePlan | undefined {
  return c.schedule.decide(x.now, x.random.chaos, count, Math.max(origin, c.loadedAt)) ? failed(x, c) : undefined;
}

function run(x: Exchange, c: Compiled) {
  const count = c.schedule.counts ? x.state.incr(c.everyKey) : 0;
  // only an outage reads the clock's origin: a failure rate alone costs a shared store no round trip
  const origin = c.outage ? x.store.resetAt(x.session) : 0;
  if (count instanceof Promise || origin instanceof Promise) {
    return Promise.all([count, origin]).then(([n, o]) => decided(x, c, n, o));
  }
  return decided(x, c, count, origin);
}

export const failuresBehaviour: BehaviourDefinition = {
  name: 'failures',
  keys: {
    failure_rate: { $ref: '#/definitions/failureRate' },
    failure: { $ref: '#/definitions/failure' },
    every: { $ref: '#/definitions/every' },
    outage: { $ref: '#/definitions/outage' },
  },
  definitions: {
    "failureRate": {
      "title": "Failure rate",
      "description": "Share of requests (0 to 1) that fail instead of being answered normally; `failure` says how. Default: 0.",
      "type": "number",
      "minimum": 0,
      "maximum": 1,
      "default": 0,
      "examples": [0.1],
    },
    "failure": {
      "title": "Failure",
      "description": "What a failure is (chosen by failure_rate, every or outage): one failure, or a list of them with a `weight` each (relative shares). Default: {kind: status, status: 500}.",
      "anyOf": [
        {"$ref": "#/definitions/failureSpec"},
        {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/failureSpec"}},
      ],
    },
    "failureSpec": {
      "title": "Failure",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "kind": {
          "description": "status: answer with `status` (500) and optional response/headers; reset: TCP reset; timeout: never answer; empty: close without a response; malformed: status line and headers, then a broken chunked body; slow_body: headers at once, then the body dribbled over duration_ms. Default: status.",
          "enum": ["status", "reset", "timeout", "empty", "malformed", "slow_body"],
          "default": "status",
        },
        "status": {"$ref": "#/definitions/status"},
        "response": {"$ref": "#/definitions/response"},
        "headers": {"$ref": "#/definitions/headers"},
        "duration_ms": {
          "description": "For kind slow_body: how long the body takes to arrive (ms).",
          "type": "number",
          "minimum": 0,
        },
        "weight": {
          "description": "Relative share of this failure among the endpoint's failures. Default: 1.",
          "type": "number",
          "exclusiveMinimum": 0,
          "default": 1,
        },
      },
    },
    "every": {
      "title": "Every Nth request fails",
      "description": "Every Nth request to this endpoint fails (as `failure` says). POST /__reset restarts the count.",
      "type": "integer",
      "minimum": 1,
      "examples": [3],
    },
    "outage": {
      "title": "Outage window",
      "description": "The endpoint fails for `for_s` seconds, starting `after_s` seconds after (re)load or POST /__reset; with `repeat_s`, a new window starts every `repeat_s` seconds after the first one started.",
      "type": "object",
      "required": ["after_s", "for_s"],
      "additionalProperties": false,
      "properties": {
        "after_s": {
          "description": "Seconds from (re)load or reset to the start of the outage.",
          "type": "number",
          "minimum": 0,
        },
        "for_s": {"description": "How long the outage lasts (s).", "type": "number", "exclusiveMinimum": 0},
        "repeat_s": {
          "description": "Period of repeated outages (s), measured from start to start.",
          "type": "number",
          "exclusiveMinimum": 0,
        },
      },
      "examples": [{"after_s": 60, "for_s": 10, "repeat_s": 300}],
    },
  },
  compile(ctx) {
    const { def } = ctx;
    const scheduled = compileFailureSchedule(def, ctx.now, ctx.locate);
    const picker = compileFailurePicker(def.failure, ctx.locate);
    const issues: ConfigIssue[] = [...(scheduled.ok ? [] : scheduled.issues), ...(picker.ok ? [] : picker.issues)];
    if (!scheduled.ok || !picker.ok) return { ok: false, issues };
    if (scheduled.schedule === null && def.failure === undefined) return { ok: true, value: null };
    // Failure answers are compiled only where something can fail (most endpoints never do), but checked wherever written.
    const list: FailureSpec[] = def.failure === undefined ? [{}] : Array.isArray(def.failure) ? def.failure : [def.failure];
    const answers = list.map((f, i): CompiledResponse | null => {
      if ((f.kind ?? 'status') !== 'status') return null;
      const prefix = Array.isArray(def.failure) ? `/failure/${i}` : '/failure';
      const src = {
        status: f.status ?? 500,
        headers: f.headers,
        response: f.response === undefined ? defaultFailureBody(def.name) : f.response,
        template: def.template,
      };
      const compiled = ctx.compileAnswer(src, prefix);
      if (!compiled.ok) issues.push(...compiled.issues);
      return compiled.ok ? compiled.value : null;
    });
    if (issues.length > 0) return { ok: false, issues };
    const schedule = scheduled.schedule;
    if (schedule === null) return { ok: true, value: null };
    const c: Compiled = { schedule, pick: picker.pick, answers, everyKey: `every:${fingerprint(def.every)}`, loadedAt: ctx.now, outage: def.outage !== undefined };
    return { ok: true, value: { name: 'failures', run: (x) => run(x, c) } };
  },
};
