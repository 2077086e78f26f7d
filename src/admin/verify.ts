/**
 * `POST /__verify`: how many logged requests fit a description, whether that count is what was expected, and,
 * when it is not, the logged requests that came closest and how each differs.
 */
import { isObject } from '../util/is-object';
import { bodyContains, describeBodyMismatch } from '../matching/body-match';
import type { NotedLogEntry } from '../model/log-entry';

export interface VerifyQuery {
  method?: string;
  path?: string;
  endpoint?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** `null` for the default session. */
  session?: string | null;
  count?: number;
  at_least?: number;
  at_most?: number;
  wait_ms?: number;
  /** `outgoing` checks what mockdock sent (webhooks' entries); the default checks requests it received. */
  direction?: 'incoming' | 'outgoing';
}

export const MAX_WAIT_MS = 30_000;
const KEYS = ['method', 'path', 'endpoint', 'body', 'headers', 'session', 'count', 'at_least', 'at_most', 'wait_ms', 'direction'];

const wholeOrNull = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) >= 0);

/** The query, or what is wrong with it. */
export function parseVerifyQuery(value: unknown): VerifyQuery | string {
  if (!isObject(value)) return 'send a JSON object: {method?, path?, endpoint?, body?, headers?, session?, count? | at_least? | at_most?, wait_ms?}';
  const unknown = Object.keys(value).filter((k) => !KEYS.includes(k));
  if (unknown.length > 0) return `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; known: ${KEYS.join(', ')}`;
  for (const key of ['method', 'path', 'endpoint'] as const) if (value[key] !== undefined && typeof value[key] !== 'string') return `${key} must be a string`;
  if (value.session !== undefined && value.session !== null && typeof value.session !== 'string') return 'session must be a string (or null for the default session)';
  if (value.headers !== undefined && (!isObject(value.headers) || Object.values(value.headers).some((v) => typeof v !== 'string'))) return 'headers must be an object of header name to string value';
  for (const key of ['count', 'at_least', 'at_most', 'wait_ms'] as const) if (!wholeOrNull(value[key])) return `${key} must be a whole number of 0 or more`;
  if (value.count !== undefined && (value.at_least !== undefined || value.at_most !== undefined)) return 'give count, or at_least and/or at_most, not both';
  if ((value.wait_ms as number | undefined) !== undefined && (value.wait_ms as number) > MAX_WAIT_MS) return `wait_ms is at most ${MAX_WAIT_MS}`;
  if (value.direction !== undefined && value.direction !== 'incoming' && value.direction !== 'outgoing') return 'direction must be "incoming" or "outgoing"';
  return value as VerifyQuery;
}

/** The expected count as words and as a test. */
export function expectation(q: VerifyQuery): { text: string; holds: (n: number) => boolean; hopeless: (n: number) => boolean } {
  if (q.count !== undefined) return { text: `exactly ${q.count}`, holds: (n) => n === q.count, hopeless: (n) => n > q.count! };
  const min = q.at_least ?? (q.at_most === undefined ? 1 : 0);
  const max = q.at_most ?? Infinity;
  const text = max === Infinity ? `at least ${min}` : min === 0 ? `at most ${max}` : `between ${min} and ${max}`;
  return { text, holds: (n) => n >= min && n <= max, hopeless: (n) => n > max };
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) return headers[key];
  return undefined;
}

/** Each way the entry misses the query, in words; empty when it fits. */
export function differences(q: VerifyQuery, e: NotedLogEntry): string[] {
  const out: string[] = [];
  const outgoing = e.direction === 'outgoing';
  if ((q.direction === 'outgoing') !== outgoing) out.push(`direction is ${outgoing ? 'outgoing' : 'incoming'}, expected ${q.direction ?? 'incoming'}`);
  if (q.method !== undefined && e.method !== q.method.toUpperCase()) out.push(`method is ${e.method}, expected ${q.method.toUpperCase()}`);
  if (q.path !== undefined) {
    const prefix = q.path.endsWith('*') ? q.path.slice(0, -1) : undefined;
    const fits = prefix !== undefined ? e.path.startsWith(prefix) : e.path === q.path;
    if (!fits) out.push(`path is ${e.path}, expected ${q.path}`);
  }
  if (q.endpoint !== undefined && e.endpoint !== q.endpoint) out.push(`endpoint is ${e.endpoint === null ? 'none (no match)' : JSON.stringify(e.endpoint)}, expected ${JSON.stringify(q.endpoint)}`);
  if (q.session !== undefined && (e.session ?? null) !== q.session) out.push(`session is ${JSON.stringify(e.session ?? null)}, expected ${JSON.stringify(q.session)}`);
  for (const [name, want] of Object.entries(q.headers ?? {})) {
    const got = headerValue(e.headers ?? {}, name);
    if (got !== want) out.push(got === undefined ? `header ${name} is missing, expected ${JSON.stringify(want)}` : `header ${name} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
  if (q.body !== undefined && !bodyContains(e.body, q.body)) out.push(describeBodyMismatch(e.body ?? undefined, q.body) ?? 'body differs');
  return out;
}

export function fits(q: VerifyQuery, e: NotedLogEntry): boolean {
  return differences(q, e).length === 0;
}

/** Up to `n` entries that missed with the fewest differences, newest first among equals. */
export function closest(q: VerifyQuery, entries: readonly NotedLogEntry[], n = 3): Array<Record<string, unknown>> {
  const scored: Array<{ e: NotedLogEntry; diff: string[] }> = [];
  for (const e of entries) {
    const diff = differences(q, e);
    if (diff.length > 0) scored.push({ e, diff });
  }
  scored.sort((a, b) => a.diff.length - b.diff.length);
  return scored.slice(0, n).map(({ e, diff }) => ({ id: e.id, time: e.time, method: e.method, path: e.path, endpoint: e.endpoint, status: e.status, differences: diff }));
}
