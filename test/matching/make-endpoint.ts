/** Test helpers: endpoints and requests with sensible defaults, and a fake `locate`. */
import type { Locate, MatchSpec, SourceRef } from '../../src/model/endpoint';
import type { MockRequest } from '../../src/model/request';
import { compileMatcher, type Matchable, type Matcher } from '../../src/matching/matcher';

export interface TestEndpoint extends Matchable {
  id: string;
}

let counter = 0;

/**
 * `positions` maps JSON pointers to where they "sit" in the file; anything else falls back to
 * the endpoint itself at line 1, as the real locate falls back to the nearest enclosing value.
 */
export function fakeLocate(file: string, positions: Record<string, [number, number]> = {}): Locate {
  return (pointer: string): SourceRef => {
    const at = positions[pointer];
    return at ? { file, line: at[0], col: at[1] } : { file, line: 1, col: 1 };
  };
}

export function ep(
  method: string,
  path: string,
  extra: { priority?: number; order?: number; name?: string; match?: MatchSpec; locate?: Locate } = {},
): TestEndpoint {
  const order = extra.order ?? counter++;
  const name = extra.name ?? `${method} ${path}`;
  return {
    id: name,
    method,
    path,
    priority: extra.priority ?? 0,
    order,
    name,
    match: extra.match,
    locate: extra.locate ?? fakeLocate('endpoints.yaml'),
  };
}

export function req(method: string, pathAndQuery: string, extra: Partial<MockRequest> = {}): MockRequest {
  const [path, search = ''] = pathAndQuery.split('?');
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(search)) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return { method, path, query, headers: {}, body: undefined, ip: '127.0.0.1', ...extra };
}

/** Compiles or fails the test with the issues in the message. */
export function matcherOf(endpoints: TestEndpoint[]): Matcher<TestEndpoint> {
  const result = compileMatcher(endpoints);
  if (!result.ok) throw new Error(`unexpected config issues: ${JSON.stringify(result.issues)}`);
  return result.matcher;
}

/** Name of the endpoint that answers, or null. */
export function winner(endpoints: TestEndpoint[], request: MockRequest): string | null {
  return matcherOf(endpoints).match(request)?.endpoint.name ?? null;
}
