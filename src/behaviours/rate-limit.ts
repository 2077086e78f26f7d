/** Rate limiting: a fixed window per endpoint, one counter per client key, with the RateLimit-* headers. */
import type { Locate, RateLimitSpec } from '../model/endpoint';
import type { MockRequest } from '../model/request';
import type { ConfigIssue } from '../errors/config-issue';
import { isFiniteNumber, issueAt, shown } from './issue';

export interface RateLimitDecision {
  allowed: boolean;
  /** RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset; plus Retry-After on a 429. */
  headers: Record<string, string>;
  /** Seconds to wait (whole, >= 1); set only when not allowed. */
  retryAfterS?: number;
}

export interface RateLimiter {
  check(req: MockRequest, now: number): RateLimitDecision;
  /** Forget every bucket and the window (POST /__reset, reload). */
  reset(): void;
}

export type RateLimiterResult = { ok: true; limiter: RateLimiter | null } | { ok: false; issues: ConfigIssue[] };

/** Distinct keys remembered within one window; past this the oldest key is forgotten, so memory stays bounded. */
export const MAX_KEYS_PER_WINDOW = 10_000;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;

/** Requests that lack the key header all count here; a Symbol cannot collide with a header value. */
const MISSING = Symbol('missing-key');

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
  let windowEnd = -Infinity;
  let buckets = new Map<string | symbol, number>();

  const keyOf =
    header === null
      ? (req: MockRequest) => req.ip
      : (req: MockRequest) => {
          const value = req.headers[header as string];
          return value === undefined || value === '' ? MISSING : value;
        };

  return {
    ok: true,
    limiter: {
      check(req, now) {
        if (now >= windowEnd) {
          windowEnd = now + windowMs;
          buckets = new Map();
        }
        const k = keyOf(req);
        let used = buckets.get(k);
        if (used === undefined) {
          if (buckets.size >= MAX_KEYS_PER_WINDOW) buckets.delete(buckets.keys().next().value as string | symbol);
          used = 0;
        }
        // Whole seconds, rounded up and at least 1, the same for RateLimit-Reset and Retry-After.
        const resetS = Math.max(1, Math.ceil((windowEnd - now) / 1000));
        const allowed = used < limit;
        // A rejected request is not counted: the count never passes the limit.
        if (allowed) buckets.set(k, ++used);
        const headers: Record<string, string> = {
          'RateLimit-Limit': limitText,
          'RateLimit-Remaining': String(limit - used),
          'RateLimit-Reset': String(resetS),
        };
        if (allowed) return { allowed, headers };
        headers['Retry-After'] = String(resetS);
        return { allowed, headers, retryAfterS: resetS };
      },
      reset() {
        windowEnd = -Infinity;
        buckets = new Map();
      },
    },
  };
}

/** null for `ip`, the lower-cased header name for `header:NAME`, undefined when unusable. */
function parseKey(key: unknown): string | null | undefined {
  if (key === 'ip') return null;
  if (typeof key !== 'string' || !key.toLowerCase().startsWith('header:')) return undefined;
  const name = key.slice('header:'.length).trim().toLowerCase();
  return HEADER_NAME.test(name) ? name : undefined;
}
