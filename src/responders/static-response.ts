/**
 * The default responder: the endpoint's own answer (`status`, `headers`, `response` or `body_file`), or the
 * steps of its `sequence` in turn. A plain static answer is planned once at load and shared.
 */
import type { CompiledResponse, RenderEnv, TemplateContext } from '../model/answer';
import type { ConfigIssue } from '../model/config-issue';
import type { DelaySampler, Exchange, ResponderDefinition } from '../model/pipeline';
import type { ResponsePlan } from '../model/response-plan';
import { checkSequence, sequenceIndex, type SequenceMode } from '../behaviours/sequence';
import { compileLatency } from '../behaviours/latency';
import { fingerprint } from '../util/fingerprint';
import { templateContext } from '../util/template-context';

interface Step {
  response: CompiledResponse;
  latency: DelaySampler | null;
}

/** What a static answer is rendered with: it reads neither. */
const NO_CONTEXT: TemplateContext = Object.freeze({ params: {}, query: {}, headers: {}, body: undefined, method: '', path: '' });
const NO_ENV: RenderEnv = Object.freeze({ now: 0, random: () => 0 });

function planOnce(name: string, response: CompiledResponse, delayMs: number): Readonly<ResponsePlan> {
  const { headers, body } = response.render(NO_CONTEXT, NO_ENV);
  return Object.freeze({ endpoint: name, status: response.status, headers, body, delayMs, shared: true });
}

function render(x: Exchange, response: CompiledResponse): ResponsePlan {
  const out = response.render(templateContext(x), { now: x.now, random: x.random.template });
  return { endpoint: x.endpoint, status: response.status, headers: out.headers, body: out.body, delayMs: 0 };
}

function stepAnswer(x: Exchange, steps: Step[], count: number, mode: SequenceMode): ResponsePlan {
  const step = steps[sequenceIndex(count, steps.length, mode)];
  if (step.latency) x.latency = step.latency;
  return render(x, step.response);
}

export const staticResponder: ResponderDefinition = {
  name: 'response',
  keys: {
    sequence: { $ref: '#/definitions/sequence' },
    sequence_mode: { $ref: '#/definitions/sequenceMode' },
  },
  definitions: {
    "sequence": {
      "title": "Sequence",
      "description": "Responses served in turn, each overriding status, response, headers or latency_ms of the endpoint. E.g. two 503s then a 200 for a flaky service. See sequence_mode.",
      "type": "array",
      "minItems": 1,
      "items": {"$ref": "#/definitions/sequenceStep"},
    },
    "sequenceStep": {
      "title": "Sequence step",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "status": {"$ref": "#/definitions/status"},
        "response": {"$ref": "#/definitions/response"},
        "headers": {"$ref": "#/definitions/headers"},
        "latency_ms": {"$ref": "#/definitions/latency"},
      },
    },
    "sequenceMode": {
      "title": "Sequence mode",
      "description": "loop: start over after the last step; stick: stay on the last step. Default: loop.",
      "enum": ["loop", "stick"],
      "default": "loop",
    },
  },
  claims: () => true,
  compile(ctx) {
    const { def, loaded, locate } = ctx;
    const issues: ConfigIssue[] = [];
    const main = ctx.compileAnswer({ status: def.status, headers: def.headers, response: def.response, bodyFile: loaded.bodyFile, template: def.template }, '');
    if (!main.ok) issues.push(...main.issues);
    issues.push(...checkSequence(def, locate));
    const steps: Step[] = [];
    if (issues.length === 0 && def.sequence) {
      def.sequence.forEach((step, i) => {
        const prefix = `/sequence/${i}`;
        const hasOwnBody = step.response !== undefined;
        const answer = ctx.compileAnswer(
          {
            status: step.status ?? def.status,
            headers: step.headers ? { ...def.headers, ...step.headers } : def.headers,
            response: hasOwnBody ? step.response : def.response,
            bodyFile: hasOwnBody ? undefined : loaded.bodyFile,
            template: def.template,
          },
          hasOwnBody ? prefix : '',
        );
        const own = step.latency_ms !== undefined;
        const latency = compileLatency(step.latency_ms ?? def.latency_ms, locate, own ? `${prefix}/latency_ms` : '/latency_ms');
        if (!answer.ok) issues.push(...answer.issues);
        if (!latency.ok) issues.push(...latency.issues);
        if (answer.ok && latency.ok && answer.value) steps.push({ response: answer.value, latency: latency.sample });
      });
    }
    if (issues.length > 0 || !main.ok || !main.value) return { ok: false, issues };
    const response = main.value;

    if (def.sequence) {
      const key = `seq:${fingerprint([def.sequence, def.sequence_mode])}`;
      const mode: SequenceMode = def.sequence_mode ?? 'loop';
      return {
        ok: true,
        value: {
          plain: null,
          respond(x) {
            const count = x.state.incr(key);
            return count instanceof Promise ? count.then((n) => stepAnswer(x, steps, n, mode)) : stepAnswer(x, steps, count, mode);
          },
        },
      };
    }
    return {
      ok: true,
      value: {
        plain: response.isStatic ? planOnce(def.name, response, ctx.globalLatencyMs) : null,
        respond: (x) => render(x, response),
      },
    };
  },
};
