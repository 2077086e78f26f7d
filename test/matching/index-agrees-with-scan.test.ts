/** Property tests: the index against a linear scan, and near-miss reasons against matching. */
import fc from 'fast-check';
import type { MatchSpec, StringCondition } from '../../src/model/endpoint';
import type { MockRequest } from '../../src/model/request';
import { compileEndpoints } from '../../src/matching/compile-endpoints';
import { compileMatcher } from '../../src/matching/matcher';
import { judge } from '../../src/matching/near-miss';
import { scanMatch } from '../../src/matching/scan';
import { splitPath } from '../../src/matching/split-path';
import { fakeLocate, type TestEndpoint } from './make-endpoint';

// Small alphabets on purpose, so random endpoints and requests collide often.
const patternPath = fc
  .record({
    parts: fc.array(fc.constantFrom('a', 'b', 'c', ':'), { maxLength: 3 }),
    wildcard: fc.boolean(),
    trailingSlash: fc.boolean(),
  })
  .map(({ parts, wildcard, trailingSlash }) => {
    const segs = parts.map((p, i) => (p === ':' ? `:p${i}` : p));
    if (wildcard) segs.push('*');
    const path = '/' + segs.join('/');
    return trailingSlash && path !== '/' ? path + '/' : path;
  });

const stringCondition = fc.constantFrom<StringCondition>('x', 'y', { regex: '^x' }, { regex: 'y$' });

const matchSpec: fc.Arbitrary<MatchSpec | undefined> = fc.option(
  fc.record(
    {
      query: fc.dictionary(fc.constantFrom('q', 'r'), stringCondition, { maxKeys: 2 }),
      headers: fc.dictionary(fc.constantFrom('X-H', 'x-h', 'y-h'), stringCondition, { maxKeys: 2 }),
      body: fc.constantFrom<unknown>({}, { k: 1 }, { k: [1, 2] }, { n: { m: 'v' } }, [], 'text', null),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

const endpointSet = fc.array(
  fc.record({
    method: fc.constantFrom('GET', 'POST', 'HEAD', 'ANY', 'DELETE'),
    path: patternPath,
    priority: fc.integer({ min: -1, max: 2 }),
    order: fc.integer({ min: 0, max: 5 }),
    match: matchSpec,
  }),
  { minLength: 1, maxLength: 20 },
).map((defs) =>
  defs.map((d, i): TestEndpoint => ({ ...d, id: `e${i}`, name: `e${i}`, locate: fakeLocate('random.yaml') })),
);

const request: fc.Arbitrary<MockRequest> = fc.record({
  method: fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE'),
  path: fc
    .record({
      segs: fc.array(fc.constantFrom('a', 'b', 'c', 'x', '', '%61', 'p%2Fq'), { maxLength: 5 }),
      trailingSlash: fc.boolean(),
    })
    .map(({ segs, trailingSlash }) => '/' + segs.join('/') + (trailingSlash ? '/' : '')),
  query: fc.dictionary(
    fc.constantFrom('q', 'r'),
    fc.oneof(fc.constantFrom('x', 'y', 'xy', 'z'), fc.array(fc.constantFrom('x', 'y', 'z'), { minLength: 1, maxLength: 3 })),
  ),
  headers: fc.dictionary(fc.constantFrom('x-h', 'y-h', 'X-H'), fc.constantFrom('x', 'y', 'yx')),
  body: fc.constantFrom<unknown>(undefined, {}, { k: 1 }, { k: '1' }, { k: [1, 2], n: { m: 'v' } }, [], 'text', null),
  ip: fc.constant('127.0.0.1'),
});

describe('the index', () => {
  it('returns exactly what a linear scan of every endpoint returns, for random endpoint sets and requests', () => {
    fc.assert(
      fc.property(endpointSet, fc.array(request, { minLength: 1, maxLength: 10 }), (endpoints, requests) => {
        const compiled = compileMatcher(endpoints);
        const entries = compileEndpoints(endpoints);
        if (!compiled.ok || !entries.ok) throw new Error('random endpoints must compile');
        for (const r of requests) {
          const indexed = compiled.matcher.match(r);
          const scanned = scanMatch(entries.entries, r);
          expect(indexed?.endpoint.name ?? null).toBe(scanned?.endpoint.name ?? null);
          expect(indexed?.params ?? null).toEqual(scanned?.params ?? null);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('gives an endpoint no near-miss reason exactly when that endpoint alone would match', () => {
    fc.assert(
      fc.property(endpointSet, request, (endpoints, r) => {
        const entries = compileEndpoints(endpoints);
        if (!entries.ok) throw new Error('random endpoints must compile');
        const segs = splitPath(r.path);
        for (const entry of entries.entries) {
          const alone = scanMatch([entry], r) !== null;
          expect(judge(entry, r, segs).reasons.length === 0).toBe(alone);
        }
      }),
      { numRuns: 500 },
    );
  });
});
