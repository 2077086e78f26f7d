import { compileRateLimiter, MAX_KEYS_PER_WINDOW, type RateLimitDecision, type RateLimiter } from '../../src/behaviours/rate-limit';
import { ErrorCodes } from '../../src/errors/codes';
import type { RateLimitSpec } from '../../src/model/endpoint';
import { MemoryStore } from '../../src/state/memory-store';
import type { MockRequest } from '../../src/model/request';
import { locateFrom, request } from './helpers';

const T0 = 1_700_000_000_000;
const locate = locateFrom({ '/rate_limit': 40, '/rate_limit/key': 43 });

/** A limiter with its own in-memory state, as one endpoint of the default session sees it. */
interface Limiter {
  check(req: MockRequest, now: number): RateLimitDecision;
  reset(): void;
}

function limiter(spec: RateLimitSpec): Limiter {
  const result = compileRateLimiter(spec, locate);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  if (result.limiter === null) throw new Error('no limiter');
  const compiled: RateLimiter = result.limiter;
  const store = new MemoryStore();
  return {
    check: (req, now) => compiled.check(req, now, store.scope(null, 'endpoint')) as RateLimitDecision,
    reset: () => store.reset(0),
  };
}

function issuesOf(spec: unknown) {
  const result = compileRateLimiter(spec as RateLimitSpec, locate);
  if (result.ok) throw new Error('expected issues');
  return result.issues;
}

const fromIp = (ip: string) => request({ ip });
const withKey = (value?: string) => request({ headers: value === undefined ? {} : { 'x-api-key': value } });
const allowed = (l: Limiter, req = fromIp('1.1.1.1'), now = T0) => l.check(req, now).allowed;

describe('compileRateLimiter', () => {
  it('returns no limiter when rate_limit is not set', () => {
    expect(compileRateLimiter(undefined, locate)).toEqual({ ok: true, limiter: null });
  });

  it('allows limit requests per window per client ip, then answers 429', () => {
    const l = limiter({ limit: 2, window_s: 10 });
    expect([allowed(l), allowed(l), allowed(l)]).toEqual([true, true, false]);
    expect(allowed(l, fromIp('2.2.2.2'))).toBe(true);
  });

  it('sends the RateLimit headers on every answer and Retry-After on a 429', () => {
    const l = limiter({ limit: 2, window_s: 10 });
    expect(l.check(fromIp('a'), T0)).toEqual({
      allowed: true,
      headers: { 'RateLimit-Limit': '2', 'RateLimit-Remaining': '1', 'RateLimit-Reset': '10' },
    });
    expect(l.check(fromIp('a'), T0 + 1000).headers['RateLimit-Remaining']).toBe('0');
    expect(l.check(fromIp('a'), T0 + 1500)).toEqual({
      allowed: false,
      retryAfterS: 9,
      headers: { 'RateLimit-Limit': '2', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '9', 'Retry-After': '9' },
    });
  });

  it('rounds Retry-After up to whole seconds and never below 1', () => {
    const l = limiter({ limit: 1, window_s: 10 });
    l.check(fromIp('a'), T0);
    expect(l.check(fromIp('a'), T0 + 100).retryAfterS).toBe(10); // 9.9 s left
    expect(l.check(fromIp('a'), T0 + 9000).retryAfterS).toBe(1);
    expect(l.check(fromIp('a'), T0 + 9999).headers['Retry-After']).toBe('1');
  });

  it('does not count rejected requests, so remaining never goes below 0', () => {
    const l = limiter({ limit: 1, window_s: 10 });
    l.check(fromIp('a'), T0);
    for (let i = 0; i < 5; i++) expect(l.check(fromIp('a'), T0 + i).headers['RateLimit-Remaining']).toBe('0');
    expect(l.check(fromIp('a'), T0 + 10_000).allowed).toBe(true);
  });

  it('opens a fresh window with a full budget once the window has passed', () => {
    const l = limiter({ limit: 1, window_s: 10 });
    expect(allowed(l, fromIp('a'), T0)).toBe(true);
    expect(allowed(l, fromIp('a'), T0 + 9_999)).toBe(false);
    const next = l.check(fromIp('a'), T0 + 10_000);
    expect(next.allowed).toBe(true);
    expect(next.headers['RateLimit-Reset']).toBe('10'); // the new window starts with this request
  });

  it('starts the window with the first request rather than at load', () => {
    const l = limiter({ limit: 1, window_s: 60 });
    expect(l.check(fromIp('a'), T0 + 45_000).headers['RateLimit-Reset']).toBe('60');
  });

  it('keeps one count per header value when keyed by a header', () => {
    const l = limiter({ limit: 1, window_s: 10, key: 'header:X-Api-Key' });
    expect([allowed(l, withKey('k1')), allowed(l, withKey('k2')), allowed(l, withKey('k1'))]).toEqual([true, true, false]);
  });

  it('puts requests without the header, or with it empty, in one shared bucket', () => {
    const l = limiter({ limit: 2, window_s: 10, key: 'header:x-api-key' });
    expect([allowed(l, withKey()), allowed(l, withKey('')), allowed(l, withKey())]).toEqual([true, true, false]);
    expect(allowed(l, withKey('k1'))).toBe(true);
  });

  it('ignores the ip when keyed by a header', () => {
    const l = limiter({ limit: 1, window_s: 10, key: 'header:x-api-key' });
    const req = (ip: string) => request({ ip, headers: { 'x-api-key': 'same' } });
    expect([allowed(l, req('1.1.1.1')), allowed(l, req('2.2.2.2'))]).toEqual([true, false]);
  });

  it('forgets every bucket on reset', () => {
    const l = limiter({ limit: 1, window_s: 10 });
    allowed(l);
    expect(allowed(l)).toBe(false);
    l.reset();
    expect(l.check(fromIp('1.1.1.1'), T0 + 1).headers['RateLimit-Remaining']).toBe('0');
    expect(allowed(l, fromIp('1.1.1.1'), T0 + 2)).toBe(false);
  });

  it('rounds a sub-second window up to 1 second in its headers', () => {
    const l = limiter({ limit: 1, window_s: 0.5 });
    expect(l.check(fromIp('a'), T0).headers['RateLimit-Reset']).toBe('1');
    expect(l.check(fromIp('a'), T0 + 400).retryAfterS).toBe(1);
    expect(allowed(l, fromIp('a'), T0 + 500)).toBe(true);
  });

  it('answers every request with 429 when the limit is 0', () => {
    const l = limiter({ limit: 0, window_s: 10 });
    const decision = l.check(fromIp('a'), T0);
    expect(decision.allowed).toBe(false);
    expect(decision.headers['RateLimit-Remaining']).toBe('0');
  });

  it('bounds memory within a window by forgetting the oldest client first', () => {
    const l = limiter({ limit: 1, window_s: 3600 });
    expect(allowed(l, fromIp('first'))).toBe(true);
    expect(allowed(l, fromIp('second'))).toBe(true);
    for (let i = 0; i < MAX_KEYS_PER_WINDOW - 1; i++) l.check(fromIp(`10.${i}`), T0);
    expect(allowed(l, fromIp('second'))).toBe(false); // still remembered
    expect(allowed(l, fromIp('first'))).toBe(true); // forgotten, so a fresh budget
  });

  it('rejects a limit, a window or a key that make no sense', () => {
    const issues = issuesOf({ limit: -1, window_s: 0, key: 'cookie:session' });
    expect(issues.map((i) => i.message)).toEqual([
      'rate_limit.limit must be a whole number of requests >= 0 (got -1)',
      'rate_limit.window_s must be a number of seconds > 0 (got 0)',
      'rate_limit.key must be ip or header:NAME, e.g. header:x-api-key (got "cookie:session")',
    ]);
    expect(issues[2]).toMatchObject({ line: 43, code: ErrorCodes.CONFIG_BEHAVIOUR });
    expect(issuesOf({ limit: 1.5, window_s: 1 })[0].message).toMatch(/^rate_limit\.limit/);
    expect(issuesOf({ limit: 1, window_s: 1, key: 'header:' })[0].message).toMatch(/^rate_limit\.key/);
    expect(issuesOf({ limit: 1, window_s: 1, key: 'header:bad name' })[0].message).toMatch(/^rate_limit\.key/);
    expect(issuesOf([1, 2])[0]).toMatchObject({ line: 40, message: expect.stringMatching(/^rate_limit must be/) });
  });
});
