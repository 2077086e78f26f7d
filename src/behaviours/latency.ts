/** Latency: a delay sampler compiled once from `latency_ms` (a constant, a range or a distribution). */
import type { Random } from '../model/clock';
import type { LatencySpec, Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { isNonNegative, issueAt, shown } from './issue';
import type { BehaviourDefinition } from '../model/pipeline';

/** Milliseconds to wait, always within [0, MAX_DELAY_MS]. */
export type LatencySampler = (random: Random) => number;

export type LatencyResult = { ok: true; sample: LatencySampler | null } | { ok: false; issues: ConfigIssue[] };

/** Node's timers cap out here (about 24.8 days); a longer delay would fire at once instead. */
export const MAX_DELAY_MS = 2_147_483_647;

export const DISTRIBUTIONS = ['normal', 'lognormal', 'uniform'] as const;

const clamp = (ms: number): number => (ms > 0 ? (ms < MAX_DELAY_MS ? ms : MAX_DELAY_MS) : 0);

/** A standard normal draw (Box–Muller); uses two uniforms. 1 - r keeps log() away from 0. */
export function gaussian(random: Random): number {
  const u1 = 1 - random();
  const u2 = random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Compiles `latency_ms` at `pointer` (e.g. `/latency_ms` or `/sequence/2/latency_ms`).
 * `sample` is null only when there is no spec, so a step's explicit `0` still overrides the
 * endpoint's latency.
 */
export function compileLatency(spec: LatencySpec | undefined, locate: Locate, pointer: string): LatencyResult {
  if (spec === undefined || spec === null) return { ok: true, sample: null };

  if (typeof spec === 'number') {
    if (!isNonNegative(spec)) return fail(issueAt(locate, pointer, `must be a number of milliseconds >= 0 (got ${shown(spec)})`));
    return constant(spec);
  }
  if (Array.isArray(spec)) {
    if (spec.length !== 2) return fail(issueAt(locate, pointer, `must be [min, max] (got ${spec.length} values)`));
    return range(spec[0], spec[1], locate, pointer, '0', '1');
  }
  if (typeof spec !== 'object') {
    return fail(issueAt(locate, pointer, `must be milliseconds, [min, max] or {distribution: ...} (got ${shown(spec)})`));
  }

  const d = spec as Record<string, unknown>;
  switch (d.distribution) {
    case 'uniform':
      return range(d.min, d.max, locate, pointer, 'min', 'max');
    case 'normal': {
      const issues = nonNegative(d, ['mean', 'stddev'], locate, pointer);
      if (issues.length > 0) return { ok: false, issues };
      const mean = d.mean as number;
      const stddev = d.stddev as number;
      if (stddev === 0) return constant(mean);
      // Draws below 0 are clamped, not redrawn, so the stream advances the same way every time.
      return { ok: true, sample: (random) => clamp(mean + stddev * gaussian(random)) };
    }
    case 'lognormal': {
      const issues = nonNegative(d, ['median', 'sigma'], locate, pointer);
      if (issues.length > 0) return { ok: false, issues };
      const median = d.median as number;
      const sigma = d.sigma as number;
      if (sigma === 0) return constant(median);
      return { ok: true, sample: (random) => clamp(median * Math.exp(sigma * gaussian(random))) };
    }
    default:
      return fail(
        issueAt(
          locate,
          `${pointer}/distribution`,
          `must be one of: ${DISTRIBUTIONS.join(', ')} (got ${shown(d.distribution)})`,
        ),
      );
  }
}

function constant(ms: number): LatencyResult {
  const value = clamp(ms);
  return { ok: true, sample: () => value };
}

function nonNegative(d: Record<string, unknown>, keys: string[], locate: Locate, pointer: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const key of keys) {
    if (!isNonNegative(d[key])) {
      issues.push(issueAt(locate, `${pointer}/${key}`, `must be a number >= 0 (got ${shown(d[key])})`));
    }
  }
  return issues;
}

function range(min: unknown, max: unknown, locate: Locate, pointer: string, minKey: string, maxKey: string): LatencyResult {
  const issues = nonNegative({ [minKey]: min, [maxKey]: max }, [minKey, maxKey], locate, pointer);
  if (issues.length > 0) return { ok: false, issues };
  const lo = min as number;
  const hi = max as number;
  if (lo > hi) return fail(issueAt(locate, pointer, `has min ${lo} greater than max ${hi}; swap them`));
  if (lo === hi) return constant(lo);
  const span = hi - lo;
  return { ok: true, sample: (random) => clamp(lo + random() * span) };
}

function fail(issue: ConfigIssue): LatencyResult {
  return { ok: false, issues: [issue] };
}

/** `latency_ms`: picks the delay sampler a request is answered after (a sequence step may pick its own). */
export const latencyBehaviour: BehaviourDefinition = {
  name: 'latency_ms',
  keys: { latency_ms: { $ref: '#/definitions/latency' } },
  definitions: {
    "latency": {
      "title": "Latency (ms)",
      "description": "Delay before answering, in milliseconds: a number, [min, max] (uniform), or a distribution: {distribution: normal, mean, stddev}, {distribution: lognormal, median, sigma}, {distribution: uniform, min, max}. Never below 0.",
      "anyOf": [
        {"type": "number", "minimum": 0},
        {"type": "array", "items": {"type": "number", "minimum": 0}, "minItems": 2, "maxItems": 2},
        {
          "type": "object",
          "required": ["distribution"],
          "properties": {
            "distribution": {
              "description": "normal (mean, stddev), lognormal (median, sigma) or uniform (min, max).",
              "enum": ["normal", "lognormal", "uniform"],
            },
          },
          "allOf": [
            {
              "if": {"required": ["distribution"], "properties": {"distribution": {"const": "normal"}}},
              "then": {"$ref": "#/definitions/latencyNormal"},
            },
            {
              "if": {"required": ["distribution"], "properties": {"distribution": {"const": "lognormal"}}},
              "then": {"$ref": "#/definitions/latencyLognormal"},
            },
            {
              "if": {"required": ["distribution"], "properties": {"distribution": {"const": "uniform"}}},
              "then": {"$ref": "#/definitions/latencyUniform"},
            },
          ],
        },
      ],
      "examples": [100, [50, 250], {"distribution": "normal", "mean": 200, "stddev": 50}],
    },
    "latencyNormal": {
      "type": "object",
      "required": ["distribution", "mean", "stddev"],
      "additionalProperties": false,
      "properties": {
        "distribution": {"enum": ["normal"]},
        "mean": {"description": "Mean delay (ms).", "type": "number", "minimum": 0},
        "stddev": {"description": "Standard deviation (ms).", "type": "number", "minimum": 0},
      },
    },
    "latencyLognormal": {
      "type": "object",
      "required": ["distribution", "median", "sigma"],
      "additionalProperties": false,
      "properties": {
        "distribution": {"enum": ["lognormal"]},
        "median": {"description": "Median delay (ms).", "type": "number", "minimum": 0},
        "sigma": {
          "description": "Shape: standard deviation of the log of the delay; 0.5 gives a long right tail.",
          "type": "number",
          "minimum": 0,
        },
      },
    },
    "latencyUniform": {
      "type": "object",
      "required": ["distribution", "min", "max"],
      "additionalProperties": false,
      "properties": {
        "distribution": {"enum": ["uniform"]},
        "min": {"description": "Shortest delay (ms).", "type": "number", "minimum": 0},
        "max": {"description": "Longest delay (ms).", "type": "number", "minimum": 0},
      },
    },
  },
  compile(ctx) {
    const result = compileLatency(ctx.def.latency_ms, ctx.locate, '/latency_ms');
    if (!result.ok) return result;
    const sample = result.sample;
    // `latency_ms: 0` waits for nothing, and costs nothing: the endpoint stays plain.
    if (sample === null || ctx.def.latency_ms === 0) return { ok: true, value: null };
    return {
      ok: true,
      value: {
        name: 'latency_ms',
        run(x) {
          x.latency = sample;
        },
      },
    };
  },
};
