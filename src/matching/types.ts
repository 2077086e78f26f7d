/** Public shapes of the matcher: what it takes (Matchable) and what it answers (hits, near misses). */
import type { Locate, MatchSpec } from '../model/endpoint';
import type { MockRequest } from '../model/request';

/** The part of an endpoint the matcher needs; callers pass their own richer type. */
export interface Matchable {
  /** Upper-case: GET POST PUT PATCH DELETE HEAD OPTIONS or ANY. */
  method: string;
  /** '/users/:id', '/files/*'. */
  path: string;
  /** Higher wins. */
  priority: number;
  /** Load order; ties in priority go to the lower order. */
  order: number;
  name: string;
  match?: MatchSpec;
  /** A scenario condition (`scenario` + `when_state`): the endpoint matches only while that scenario is in that state. */
  whenState?: WhenState;
  /** For error positions, e.g. locate('/match/headers/x-id/regex'). */
  locate: Locate;
}

export interface WhenState {
  scenario: string;
  state: string;
}

/**
 * The current state of each scenario, as the request's session sees it. The matcher stays pure: the caller
 * reads the states from the store and hands them in.
 */
export type ScenarioStates = (scenario: string) => string;

export interface MatchHit<T> {
  endpoint: T;
  /** Decoded `:name` values, and `*` for the rest of the path under a wildcard. */
  params: Record<string, string>;
}

/** An endpoint that did not match a request, and why, in words a tester understands. */
export interface NearMiss {
  name: string;
  method: string;
  path: string;
  reasons: string[];
}

export interface Matcher<T extends Matchable> {
  readonly size: number;
  /** `states` is needed only when some endpoint has a scenario condition; without it every scenario is `started`. */
  match(req: MockRequest, states?: ScenarioStates): MatchHit<T> | null;
  /** Nearest endpoints to an unmatched request, best first (default max 3). */
  closest(req: MockRequest, max?: number, states?: ScenarioStates): NearMiss[];
  /** True when some endpoint has a scenario condition, so callers know to read the states. */
  readonly usesStates: boolean;
}
