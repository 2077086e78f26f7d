/** Sequences: which step of `sequence` the next request gets, looping or sticking on the last. */
import type { Locate, SequenceStep } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { issueAt, shown } from './issue';

export type SequenceMode = 'loop' | 'stick';

export interface SequenceCursor {
  /** Index of the step to serve now; advances the cursor. */
  next(): number;
  /** Back to the first step (POST /__reset, reload). */
  reset(): void;
}

/** Which step the `count`-th request (1-based) gets: a pure rule, so the count can live in any state store. */
export function sequenceIndex(count: number, length: number, mode: SequenceMode): number {
  const at = count - 1;
  return mode === 'stick' ? (at < length - 1 ? at : length - 1) : at % length;
}

/** A cursor over `length` steps (at least 1: `checkSequence` reports an empty list as config). */
export function createSequence(length: number, mode: SequenceMode): SequenceCursor {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`a sequence needs at least one step (got ${length})`);
  let position = 0;
  if (mode === 'stick') {
    return {
      next() {
        const at = position;
        if (position < length - 1) position++;
        return at;
      },
      reset() {
        position = 0;
      },
    };
  }
  return {
    next() {
      const at = position;
      position = position + 1 === length ? 0 : position + 1;
      return at;
    },
    reset() {
      position = 0;
    },
  };
}

/** Problems with `sequence` / `sequence_mode` that the engine should report before calling createSequence. */
export function checkSequence(def: { sequence?: SequenceStep[]; sequence_mode?: string }, locate: Locate): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { sequence, sequence_mode: mode } = def;
  if (sequence !== undefined) {
    if (!Array.isArray(sequence) || sequence.length === 0) {
      issues.push(issueAt(locate, '/sequence', `must be a list of at least one step, e.g. [{status: 503}, {status: 200}] (got ${shown(sequence)})`));
    } else {
      sequence.forEach((step, i) => {
        if (typeof step !== 'object' || step === null || Array.isArray(step)) {
          issues.push(issueAt(locate, `/sequence/${i}`, `must be an object with status, response, headers or latency_ms (got ${shown(step)})`));
        }
      });
    }
  }
  if (mode !== undefined && mode !== 'loop' && mode !== 'stick') {
    issues.push(issueAt(locate, '/sequence_mode', `must be loop or stick (got ${shown(mode)})`));
  }
  return issues;
}
