/** Rate limiting: a fixed window per endpoint, one counter per client key, with the RateLimit-* headers. */
import type { Locate, RateLimitSpec } from '../model/endpoint';
import type { MockRequest } from '../model/request';
import type { ConfigIssue } from '../errors/config-issue';
import type { BehaviourDefinition, Exchange } from '../model/pipeline';
import type { MaybePromise, ScopedState, WindowHit } from '../model/state';
import { fingerprint } from '../util/fingerprint';
import { HTTP_TOKEN } from '../util/http-token';
import { jsonAnswer } from '../util/json-answer';
import { isFiniteNumber, issueAt, shown } from './issue';

export { MAX_KEYS_PER_WINDOW } from '../util/limits';

export interface RateLimitDecision {
  allowed: boolean;
  /** RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset; plus Retry-After on a 429. */
  headers: Record<string, string>;
  /** Seconds to wait (whole, >= 1); set only when not allowed. */
  retryAfterS?: number;
}

export interface RateLimiter {
  /** Counts the request in `state` (atomically, inside the store) and decides. */
  check(req: MockRequest, now: number, state: ScopedState): MaybePromise<RateLimitDecision>;
}

export type RateLimiterResult = { ok: true; limiter: RateLimiter | null } | { ok: false; issues: ConfigIssue[] };


/** Requests that lack the key header all count here; no header value holds a NUL. */
const MISSING = '\u0000missing';

/**
 * Compiles `rate_limit`. A window opens with the first request (after load or reset) and lasts
 * `window_s`; all clients of the endpoint share its timing, each key has its own count. The
 * whole bucket map is dropped when the window closes.
 */
export function compileRateLimiter(spec: RateLimitSpec | undefined, locate: Locate): RateLimiterResult {
  if (spec === undefined || spec === null) return { ok: true, limiter: null };
  if (typeof spec !== 'object' || Array.isArray(spec)) {
    return { ok: false, issues: [issueAt(locate, '/rate_limit', `must be {limit, window_s, key?} (got ${shown(spec)})`)] };
  }
  const issues: ConfigIssue[] = [];
  const { limit, window_s: windowS, key = 'ip' } = spec;
  if (!(Number.isInteger(limit) && limit >= 0)) {
    issues.push(issueAt(locate, '/rate_limit/limit', `must be a whole number of requests >= 0 (got ${shown(limit)})`));
  }
  if (!(isFiniteNumber(windowS) && windowS > 0)) {
    issues.push(issueAt(locate, '/rate_limit/window_s', `must be a number of seconds > 0 (got ${shown(windowS)})`));
  }
  const header = parseKey(key);
  if (header === undefined) {
    issues.push(issueAt(locate, '/rate_limit/key', `must be ip or header:NAME, e.g. header:x-api-key (got ${shown(key)})`));
  }
  if (issues.length > 0) return { ok: false, issues };

  const windowMs = windowS * 1000;
  const limitText = String(limit);
  const stateKey = `rate:${fingerprint(spec)}`;
  const keyOf =
    header === null
      ? (req: MockRequest) => req.ip
      : (req: MockRequest) => {
          const value = req.headers[header as string];
          return value === undefined || value === '' ? MISSING : value;
        };

  const decide = (hit: WindowHit, now: number): RateLimitDecision => {
    // Whole seconds, rounded up and at least 1, the same for RateLimit-Reset and Retry-After.
    const resetS = Math.max(1, Math.ceil((hit.windowEnd - now) / 1000));
    const headers: Record<string, string> = {
      'RateLimit-Limit': limitText,
      'RateLimit-Remaining': String(limit - hit.used),
      'RateLimit-Reset': String(resetS),
    };
    if (hit.allowed) return { allowed: true, headers };
    headers['Retry-After'] = String(resetS);
    return { allowed: false, headers, retryAfterS: resetS };
  };

  return {
    ok: true,
    limiter: {
      check(req, now, state) {
        const hit = state.hitWindow(stateKey, keyOf(req), windowMs, limit, now);
        return hit instanceof Promise ? hit.then((h) => decide(h, now)) : decide(hit, now);
      },
    },
  };
}

/** null for `ip`, the lower-cased header name for `header:NAME`, undefined when unusable. */
function parseKey(key: unknown): string | null | undefined {
  if (key === 'ip') return null;
  if (typeof key !== 'string' || !key.toLowerCase().startsWith('header:')) return undefined;
  const name = key.slice('header:'.length).trim().toLowerCase();
  return HTTP_TOKEN.test(name) ? name : undefined;
}

function answer429(x: Exchange, decision: RateLimitDecision) {
  const body = { error: 'rate limit exceeded', endpoint: x.endpoint, retry_after_s: decision.retryAfterS ?? 1 };
  return { endpoint: x.endpoint, ...jsonAnswer(429, body, decision.headers), delayMs: 0, rateLimited: true };
}

function applied(x: Exchange, decision: RateLimitDecision) {
  if (!decision.allowed) return answer429(x, decision);
  x.headers = x.headers === null ? decision.headers : { ...x.headers, ...decision.headers };
  return undefined;
}

/** `rate_limit`: above the limit a 429 ends the request; below it, every answer carries the RateLimit-* headers. */
export const rateLimitBehaviour: BehaviourDefinition = {
  name: 'rate_limit',
  keys: { rate_limit: { $ref: '#/definitions/rateLimit' } },
  definitions: {
    "rateLimit": {
      "title": "Rate limit",
      "description": "Fixed-window limit per client: above `limit` requests per `window_s`, answer 429 with Retry-After. Every answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.",
      "type": "object",
      "required": ["limit", "window_s"],
      "additionalProperties": false,
      "properties": {
        "limit": {"description": "Requests allowed per window (0 refuses every request).", "type": "integer", "minimum": 0},
        "window_s": {"description": "Window length (s).", "type": "number", "exclusiveMinimum": 0},
        "key": {
          "description": "Who a bucket belongs to: `ip` (default), or `header:NAME` (requests without that header share one bucket).",
          "type": "string",
          "pattern": "^(ip|header:[!#$%&'*+.^_`|~0-9A-Za-z-]+)$",
          "default": "ip",
          "examples": ["ip", "header:X-Api-Key"],
        },
      },
      "examples": [{"limit": 10, "window_s": 60}],
    },
  },
  compile(ctx) {
    const result = compileRateLimiter(ctx.def.rate_limit, ctx.locate);
    if (!result.ok) return result;
    const limiter = result.limiter;
    if (limiter === null) return { ok: true, value: null };
    return {
      ok: true,
      value: {
        name: 'rate_limit',
        run(x) {
          const decision = limiter.check(x.req, x.now, x.state);
          return decision instanceof Promise ? decision.then((d) => applied(x, d)) : applied(x, decision);
        },
      },
    };
  },
};
