/** Request matching: compile endpoints once per config load, then answer each request from an index. */
import type { MockRequest } from '../model/request';
import type { ConfigIssue } from '../errors/config-issue';
import { compileEndpoints, type CompiledEndpoint } from './compile-endpoints';
import { closestEndpoints } from './near-miss';
import { bindParams } from './path-pattern';
import { SegmentTree } from './segment-tree';
import { splitPath } from './split-path';
import type { Matchable, Matcher, MatchHit, NearMiss, ScenarioStates } from './types';

export type { Matchable, Matcher, MatchHit, NearMiss, ScenarioStates, WhenState } from './types';

/** Every bad path and regex is reported at once; a matcher is returned only for a clean set. */
export function compileMatcher<T extends Matchable>(
  endpoints: readonly T[],
): { ok: true; matcher: Matcher<T> } | { ok: false; issues: ConfigIssue[] } {
  const compiled = compileEndpoints(endpoints);
  if (!compiled.ok) return compiled;
  return { ok: true, matcher: new IndexedMatcher(compiled.entries) };
}

class IndexedMatcher<T extends Matchable> implements Matcher<T> {
  readonly size: number;
  readonly usesStates: boolean;
  private readonly tree: SegmentTree<T>;

  constructor(private readonly entries: readonly CompiledEndpoint<T>[]) {
    this.size = entries.length;
    this.usesStates = entries.some((e) => e.conditions?.whenState != null);
    this.tree = new SegmentTree(entries);
  }

  match(req: MockRequest, states?: ScenarioStates): MatchHit<T> | null {
    const exact = this.tree.findExact(req.path, req);
    if (exact !== undefined) return exact === null ? null : { endpoint: exact, params: {} };
    const segs = splitPath(req.path);
    const entry = this.tree.find(segs, req, states);
    if (entry === null) return null;
    // The tree only says which shape fits; the winner's own pattern names its params.
    return { endpoint: entry.endpoint, params: bindParams(entry.pattern, segs) ?? {} };
  }

  closest(req: MockRequest, max = 3, states?: ScenarioStates): NearMiss[] {
    return closestEndpoints(this.entries, req, max, states);
  }
}
