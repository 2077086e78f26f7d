/** Failure kinds: which fault a failing request gets, chosen by weight from `failure`. */
import type { Random } from '../model/clock';
import type { FailureKind, FailureSpec, Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { isHttpStatus, isNonNegative, issueAt, shown } from './issue';

export const FAILURE_KINDS: readonly FailureKind[] = ['status', 'reset', 'timeout', 'empty', 'malformed', 'slow_body'];

/** Status of a `status` failure that names none. */
export const DEFAULT_FAILURE_STATUS = 500;
/** How long a `slow_body` failure takes when `duration_ms` is not given. */
export const DEFAULT_SLOW_BODY_MS = 5000;

export interface PickedFailure {
  /** Index into the `failure` list (0 for a single object or none). */
  index: number;
  /** The entry with its defaults filled in (kind, status for `status`, duration_ms for `slow_body`). */
  spec: FailureSpec & { kind: FailureKind };
}

export type FailurePickerResult =
  | { ok: true; pick: (random: Random) => PickedFailure }
  | { ok: false; issues: ConfigIssue[] };

const DEFAULT_PICK: PickedFailure = Object.freeze({
  index: 0,
  spec: Object.freeze({ kind: 'status' as const, status: DEFAULT_FAILURE_STATUS }),
});

/**
 * Compiles `failure`. With one entry (or none) `pick` draws nothing from `random`; with several
 * it draws exactly one number, so a failure costs the endpoint's stream the same every time.
 */
export function compileFailurePicker(failure: FailureSpec | FailureSpec[] | undefined, locate: Locate): FailurePickerResult {
  if (failure === undefined || failure === null) return { ok: true, pick: () => DEFAULT_PICK };

  const entries = Array.isArray(failure) ? failure : [failure];
  const base = Array.isArray(failure) ? (i: number) => `/failure/${i}` : () => '/failure';
  if (entries.length === 0) {
    return { ok: false, issues: [issueAt(locate, '/failure', 'must list at least one failure (or be left out for a plain 500)')] };
  }

  const issues: ConfigIssue[] = [];
  const picks: PickedFailure[] = [];
  entries.forEach((entry, index) => {
    const result = normalise(entry, base(index), locate);
    if (Array.isArray(result)) issues.push(...result);
    else picks.push(Object.freeze({ index, spec: result }));
  });
  if (issues.length > 0) return { ok: false, issues };

  if (picks.length === 1) {
    const only = picks[0];
    return { ok: true, pick: () => only };
  }

  const weights = entries.map((e) => e.weight ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) {
    return { ok: false, issues: [issueAt(locate, '/failure', 'has weights that add up to 0; give at least one entry a weight > 0')] };
  }
  // Cumulative bounds let one draw pick an entry; lists are short, so a scan beats a search.
  const bounds: number[] = [];
  let sum = 0;
  for (const w of weights) bounds.push((sum += w) / total);
  // The last entry with a weight catches rounding at the top end; weight-0 entries are never picked.
  const live = picks.filter((_, i) => weights[i] > 0);
  const liveBounds = bounds.filter((_, i) => weights[i] > 0);
  const last = live.length - 1;
  return {
    ok: true,
    pick: (random) => {
      const r = random();
      for (let i = 0; i < last; i++) if (r < liveBounds[i]) return live[i];
      return live[last];
    },
  };
}

function normalise(entry: unknown, pointer: string, locate: Locate): (FailureSpec & { kind: FailureKind }) | ConfigIssue[] {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return [issueAt(locate, pointer, `must be an object such as {kind: status, status: 503} (got ${shown(entry)})`)];
  }
  const spec = entry as FailureSpec;
  const issues: ConfigIssue[] = [];
  const kind = spec.kind ?? 'status';
  if (!FAILURE_KINDS.includes(kind)) {
    issues.push(issueAt(locate, `${pointer}/kind`, `must be one of: ${FAILURE_KINDS.join(', ')} (got ${shown(spec.kind)})`));
  }
  if (spec.status !== undefined && !isHttpStatus(spec.status)) {
    issues.push(issueAt(locate, `${pointer}/status`, `must be an HTTP status from 100 to 599 (got ${shown(spec.status)})`));
  }
  if (spec.duration_ms !== undefined && !isNonNegative(spec.duration_ms)) {
    issues.push(issueAt(locate, `${pointer}/duration_ms`, `must be a number of milliseconds >= 0 (got ${shown(spec.duration_ms)})`));
  }
  if (spec.weight !== undefined && !isNonNegative(spec.weight)) {
    issues.push(issueAt(locate, `${pointer}/weight`, `must be a number >= 0 (got ${shown(spec.weight)})`));
  }
  if (issues.length > 0) return issues;

  const filled: FailureSpec & { kind: FailureKind } = { ...spec, kind };
  if (kind === 'status' && filled.status === undefined) filled.status = DEFAULT_FAILURE_STATUS;
  if (kind === 'slow_body' && filled.duration_ms === undefined) filled.duration_ms = DEFAULT_SLOW_BODY_MS;
  return Object.freeze(filled);
}
