/** Behaviour with 10,000 endpoints (timing lives in the benchmarks). */
import { ep, matcherOf, req, type TestEndpoint } from './make-endpoint';

describe('a large endpoint set', () => {
  const endpoints: TestEndpoint[] = [];
  for (let i = 0; i < 10_000; i++) {
    const shape = i % 4;
    if (shape === 0) endpoints.push(ep('GET', `/svc${i}/items`, { name: `e${i}`, order: i }));
    else if (shape === 1) endpoints.push(ep('POST', `/svc${i}/items/:id`, { name: `e${i}`, order: i }));
    else if (shape === 2) endpoints.push(ep('ANY', `/svc${i}/files/*`, { name: `e${i}`, order: i }));
    else endpoints.push(ep('GET', `/svc${i}`, { name: `e${i}`, order: i, match: { query: { v: String(i) } } }));
  }
  endpoints.push(ep('GET', '/last/:id', { name: 'last', order: 10_000 }));
  const matcher = matcherOf(endpoints);

  it('compiles 10,000 endpoints and counts them all', () => {
    expect(matcher.size).toBe(10_001);
  });

  it('matches the last endpoint loaded, with its params', () => {
    expect(matcher.match(req('GET', '/last/abc'))).toEqual({ endpoint: endpoints[10_000], params: { id: 'abc' } });
  });

  it('matches endpoints of every shape deep in the set', () => {
    expect(matcher.match(req('GET', '/svc9996/items'))?.endpoint.name).toBe('e9996');
    expect(matcher.match(req('POST', '/svc9997/items/7'))?.params).toEqual({ id: '7' });
    expect(matcher.match(req('PUT', '/svc9998/files/a/b'))?.params).toEqual({ '*': 'a/b' });
    expect(matcher.match(req('GET', '/svc9999?v=9999'))?.endpoint.name).toBe('e9999');
    expect(matcher.match(req('GET', '/svc9999?v=1'))).toBeNull();
  });

  it('still reports the nearest endpoints for a miss', () => {
    const [nearest] = matcher.closest(req('GET', '/svc9999?v=1'));
    expect(nearest).toEqual({ name: 'e9999', method: 'GET', path: '/svc9999', reasons: ['query "v" is "1", expected "9999"'] });
  });
});
