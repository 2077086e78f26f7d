/** The plain linear scan over every endpoint: the reference the index must agree with (see the property test). */
import type { MockRequest } from '../model/request';
import { conditionsHold } from './conditions';
import { methodTier, type CompiledEndpoint } from './compile-endpoints';
import { bindParams } from './path-pattern';
import { splitPath } from './split-path';
import type { MatchHit, ScenarioStates } from './types';

/**
 * Checks every entry: the winner is the matching entry with the best method tier (HEAD/ANY
 * before GET for a HEAD request), then the best rank (priority, then load order).
 */
export function scanMatch<T>(entries: readonly CompiledEndpoint<T>[], req: MockRequest, states?: ScenarioStates): MatchHit<T> | null {
  const segs = splitPath(req.path);
  let best: CompiledEndpoint<T> | null = null;
  let bestTier = 2;
  let bestParams: Record<string, string> = {};
  for (const entry of entries) {
    const tier = methodTier(entry.method, req.method);
    if (tier < 0) continue;
    const params = bindParams(entry.pattern, segs);
    if (params === null) continue;
    if (entry.conditions !== null && !conditionsHold(entry.conditions, req, states)) continue;
    if (best === null || tier < bestTier || (tier === bestTier && entry.rank < best.rank)) {
      best = entry;
      bestTier = tier;
      bestParams = params;
    }
  }
  return best === null ? null : { endpoint: best.endpoint, params: bestParams };
}
