/** Suggests the known key a misspelt one was probably meant to be. */
import { editDistance } from '../util/edit-distance';

/** Ignores case, `_` and `-`, so `latencyMs` and `Latency-MS` both find `latency_ms`. */
function squash(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}


export function didYouMean(key: string, known: readonly string[]): string | undefined {
  const squashed = squash(key);
  const exact = known.find((k) => squash(k) === squashed);
  if (exact !== undefined) return exact;
  const limit = squashed.length <= 4 ? 1 : squashed.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of known) {
    const d = editDistance(squashed, squash(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
