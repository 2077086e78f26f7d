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
  /** For error positions, e.g. locate('/match/headers/x-id/regex'). */
  locate: Locate;
}

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
  match(req: MockRequest): MatchHit<T> | null;
  /** Nearest endpoints to an unmatched request, best first (default max 3). */
  closest(req: MockRequest, max?: number): NearMiss[];
}
