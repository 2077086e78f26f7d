/** When a request fails: inside an outage window, on every Nth request, or by `failure_rate`. */
import type { Random } from '../model/clock';
import type { Locate, OutageSpec } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { isFiniteNumber, isNonNegative, isPositiveInteger, issueAt, shown } from './issue';

export interface FailureSchedule {
  /** True when `every` is set: callers count requests (in the state store) and pass the count to `decide`. */
  readonly counts: boolean;
  /**
   * Whether this request fails. `count` is the request's 1-based number (for `every`); `origin` is when
   * the outage clock started (load or the last reset).
   */
  decide(now: number, random: Random, count: number, origin: number): boolean;
  /** `decide` with a count and clock of its own (for one endpoint outside the pipeline). */
  shouldFail(now: number, random: Random): boolean;
  /** Back to a fresh start at `now` for `shouldFail`: the `every` count and the outage clock. */
  reset(now: number): void;
}

export interface FailureScheduleDef {
  failure_rate?: number;
  every?: number;
  outage?: OutageSpec;
}

export type FailureScheduleResult = { ok: true; schedule: FailureSchedule | null } | { ok: false; issues: ConfigIssue[] };

/**
 * Compiles the three triggers; a request fails when any of them says so. `startedAt` (ms) is
 * when the endpoint set was loaded: outage windows count from there until `reset` moves it.
 * Returns null when nothing can fail, so such endpoints pay nothing per request.
 */
export function compileFailureSchedule(def: FailureScheduleDef, startedAt: number, locate: Locate): FailureScheduleResult {
  const { failure_rate: rate, every, outage } = def;
  const issues: ConfigIssue[] = [];
  if (rate !== undefined && !(isFiniteNumber(rate) && rate >= 0 && rate <= 1)) {
    issues.push(issueAt(locate, '/failure_rate', `must be a number from 0 to 1 (got ${shown(rate)})`));
  }
  if (every !== undefined && !isPositiveInteger(every)) {
    issues.push(issueAt(locate, '/every', `must be a whole number >= 1 (got ${shown(every)})`));
  }
  if (outage !== undefined) issues.push(...outageIssues(outage, locate));
  if (issues.length > 0) return { ok: false, issues };

  const useRate = rate !== undefined && rate > 0;
  if (!useRate && every === undefined && outage === undefined) return { ok: true, schedule: null };

  const p = rate ?? 0;
  const draw = useRate && p < 1; // a rate of 1 needs no draw: it always fails
  const afterMs = outage ? outage.after_s * 1000 : 0;
  const forMs = outage ? outage.for_s * 1000 : 0;
  const repeatMs = outage?.repeat_s !== undefined ? outage.repeat_s * 1000 : 0;
  const inOutage = (now: number, origin: number): boolean => {
    const since = now - origin - afterMs; // time since the first window opened
    if (since < 0) return false;
    return (repeatMs > 0 ? since % repeatMs : since) < forMs;
  };

  const decide = (now: number, random: Random, count: number, origin: number): boolean => {
    let fail = outage !== undefined && inOutage(now, origin);
    if (every !== undefined && count % every === 0) fail = true;
    // Drawn on every request, failing or not, so the stream does not depend on the clock.
    if (draw) {
      if (random() < p) fail = true;
    } else if (useRate) fail = true;
    return fail;
  };

  let origin = startedAt;
  let count = 0;
  return {
    ok: true,
    schedule: {
      counts: every !== undefined,
      decide,
      shouldFail(now, random) {
        // Kept below `every` so a long run never loses integer precision.
        count = every !== undefined && count + 1 === every ? 0 : count + 1;
        return decide(now, random, every !== undefined && count === 0 ? every : count, origin);
      },
      reset(now) {
        origin = now;
        count = 0;
      },
    },
  };
}

function outageIssues(outage: OutageSpec, locate: Locate): ConfigIssue[] {
  if (typeof outage !== 'object' || outage === null || Array.isArray(outage)) {
    return [issueAt(locate, '/outage', `must be {after_s, for_s, repeat_s?} (got ${shown(outage)})`)];
  }
  const issues: ConfigIssue[] = [];
  const { after_s: after, for_s: length, repeat_s: repeat } = outage;
  if (!isNonNegative(after)) issues.push(issueAt(locate, '/outage/after_s', `must be a number of seconds >= 0 (got ${shown(after)})`));
  if (!(isFiniteNumber(length) && length > 0)) {
    issues.push(issueAt(locate, '/outage/for_s', `must be a number of seconds > 0 (got ${shown(length)})`));
  }
  if (repeat !== undefined) {
    if (!(isFiniteNumber(repeat) && repeat > 0)) {
      issues.push(issueAt(locate, '/outage/repeat_s', `must be a number of seconds > 0 (got ${shown(repeat)})`));
    } else if (isFiniteNumber(length) && repeat <= length) {
      issues.push(
        issueAt(locate, '/outage/repeat_s', `(${repeat}) must be greater than for_s (${length}), or the outage never ends; leave repeat_s out for one window`),
      );
    }
  }
  return issues;
}
