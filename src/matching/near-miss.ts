/** The 404 report: how far each endpoint is from a request, and why it did not match, in plain words. */
import type { MockRequest } from '../model/request';
import { describeBodyMismatch, show } from './body-match';
import { methodTier, type CompiledEndpoint } from './compile-endpoints';
import { INITIAL_STATE, type Conditions } from './conditions';
import { editRatio } from '../util/edit-distance';
import type { PathPattern } from './path-pattern';
import { splitPath } from './split-path';
import { testValue, type StringTest } from './string-condition';
import type { Matchable, NearMiss, ScenarioStates } from './types';

/**
 * Weights, chosen so that a failed condition ranks closest, then a wrong method, then a
 * mistyped segment (0.5 plus its edit ratio, so a typo beats another word), then a missing or
 * extra segment.
 */
const CONDITION_COST = 0.5;
const METHOD_COST = 0.75;
const SEGMENT_BASE_COST = 0.5;
const SEGMENT_COUNT_COST = 1.5;

export interface Verdict {
  distance: number;
  /** Empty exactly when the endpoint, taken alone, matches the request. */
  reasons: string[];
}

/** Slow path: scans every endpoint. Ties in distance go to the endpoint that would win a match. */
export function closestEndpoints<T extends Matchable>(
  entries: readonly CompiledEndpoint<T>[],
  req: MockRequest,
  max = 3,
  states?: ScenarioStates,
): NearMiss[] {
  const segs = splitPath(req.path);
  const scored = entries.map((entry) => ({ entry, verdict: judge(entry, req, segs, states) }));
  scored.sort((a, b) => a.verdict.distance - b.verdict.distance || a.entry.rank - b.entry.rank);
  return scored.slice(0, Math.max(0, max)).map(({ entry, verdict }) => ({
    name: entry.endpoint.name,
    method: entry.method,
    path: entry.endpoint.path,
    reasons: verdict.reasons,
  }));
}

export function judge<T>(entry: CompiledEndpoint<T>, req: MockRequest, segs: readonly string[], states?: ScenarioStates): Verdict {
  const reasons: string[] = [];
  let distance = 0;
  if (methodTier(entry.method, req.method) < 0) {
    reasons.push(`method is ${req.method}, not ${entry.method}`);
    distance += METHOD_COST;
  }
  const path = judgePath(entry.pattern, segs);
  if (path.reason !== null) {
    reasons.push(path.reason);
    distance += path.cost;
  }
  if (entry.conditions !== null) {
    const failed = judgeConditions(entry.conditions, req, states);
    reasons.push(...failed);
    distance += failed.length * CONDITION_COST;
  }
  return { distance, reasons };
}

/** Sums a cost per differing segment but reports only the first difference, to stay short. */
function judgePath(pattern: PathPattern, segs: readonly string[]): { cost: number; reason: string | null } {
  let cost = 0;
  let reason: string | null = null;
  const parts = pattern.segments;
  let i = 0;
  for (; i < parts.length; i++) {
    const part = parts[i];
    if (part.kind === 'wildcard') return { cost, reason };
    const n = i + 1;
    if (i >= segs.length) {
      const missing = parts.length - i - (parts[parts.length - 1].kind === 'wildcard' ? 1 : 0);
      const what = part.kind === 'param' ? `:${part.name}` : JSON.stringify(part.value);
      return { cost: cost + missing * SEGMENT_COUNT_COST, reason: reason ?? `path is too short: segment ${n} (${what}) is missing` };
    }
    if (part.kind === 'static' && segs[i] !== part.value) {
      cost += SEGMENT_BASE_COST + editRatio(segs[i], part.value);
      reason ??= `path differs at segment ${n}: got ${JSON.stringify(segs[i])}, expected ${JSON.stringify(part.value)}`;
    } else if (part.kind === 'param' && segs[i] === '') {
      cost += SEGMENT_BASE_COST + 1;
      reason ??= `path segment ${n} is empty, expected :${part.name}`;
    }
  }
  if (segs.length > i) {
    cost += (segs.length - i) * SEGMENT_COUNT_COST;
    const extra = show('/' + segs.slice(i).join('/'));
    reason ??= i === 0 ? `path is ${extra}, expected "/"` : `path has extra segments after segment ${i}: ${extra}`;
  }
  return { cost, reason };
}

function judgeConditions(c: Conditions, req: MockRequest, states: ScenarioStates | undefined): string[] {
  const reasons: string[] = [];
  if (c.whenState !== null) {
    const now = states ? states(c.whenState.scenario) : INITIAL_STATE;
    if (now !== c.whenState.state) {
      reasons.push(`scenario ${JSON.stringify(c.whenState.scenario)} is in state ${JSON.stringify(now)}, not ${JSON.stringify(c.whenState.state)}`);
    }
  }
  for (const q of c.query) {
    const value = Object.prototype.hasOwnProperty.call(req.query, q.key) ? req.query[q.key] : undefined;
    const why = judgeValue(`query ${JSON.stringify(q.key)}`, q.test, value);
    if (why !== null) reasons.push(why);
  }
  for (const h of c.headers) {
    const value = Object.prototype.hasOwnProperty.call(req.headers, h.key) ? req.headers[h.key] : undefined;
    const why = judgeValue(`header ${JSON.stringify(h.key)}`, h.test, value);
    if (why !== null) reasons.push(why);
  }
  if (c.hasBody) {
    const why = describeBodyMismatch(req.body, c.body);
    if (why !== null) reasons.push(why);
  }
  return reasons;
}

function judgeValue(label: string, test: StringTest, value: string | string[] | undefined): string | null {
  if (testValue(test, value)) return null;
  if (value === undefined) return `${label} is missing`;
  if (test.exact !== null) return `${label} is ${show(value)}, expected ${show(test.exact)}`;
  return `${label} does not match ${String(test.regex)} (got ${show(value)})`;
}
