/** The 404 near-miss report: reasons and ranking. */
import { ep, matcherOf, req } from './make-endpoint';

describe('near-miss report', () => {
  it('says the method differs when only the method is wrong', () => {
    const [miss] = matcherOf([ep('GET', '/users')]).closest(req('POST', '/users'));
    expect(miss).toEqual({ name: 'GET /users', method: 'GET', path: '/users', reasons: ['method is POST, not GET'] });
  });

  it('names the first segment where the path differs', () => {
    const [miss] = matcherOf([ep('GET', '/api/users/:id')]).closest(req('GET', '/api/orders/1'));
    expect(miss.reasons).toEqual(['path differs at segment 2: got "orders", expected "users"']);
  });

  it('says when the path is too short or too long', () => {
    const m = matcherOf([ep('GET', '/users/:id/orders')]);
    expect(m.closest(req('GET', '/users/1'))[0].reasons).toEqual(['path is too short: segment 3 ("orders") is missing']);
    expect(m.closest(req('GET', '/users'))[0].reasons).toEqual(['path is too short: segment 2 (:id) is missing']);
    expect(m.closest(req('GET', '/users/1/orders/9/x'))[0].reasons).toEqual([
      'path has extra segments after segment 3: "/9/x"',
    ]);
  });

  it('says when a param segment is empty', () => {
    const [miss] = matcherOf([ep('GET', '/users/:id/orders')]).closest(req('GET', '/users//orders'));
    expect(miss.reasons).toEqual(['path segment 2 is empty, expected :id']);
  });

  it('explains missing, different and non-matching query values', () => {
    const m = matcherOf([ep('GET', '/s', { match: { query: { q: 'y', page: { regex: '^\\d+$' }, sort: 'asc' } } })]);
    expect(m.closest(req('GET', '/s?q=x&page=two'))[0].reasons).toEqual([
      'query "q" is "x", expected "y"',
      'query "page" does not match /^\\d+$/ (got "two")',
      'query "sort" is missing',
    ]);
  });

  it('explains header conditions using the lower-case header name', () => {
    const m = matcherOf([ep('GET', '/me', { match: { headers: { 'X-Api-Key': { regex: '^k-' }, 'X-Env': 'test' } } })]);
    const r = req('GET', '/me', { headers: { 'x-api-key': 'abc', 'x-env': 'prod' } });
    expect(m.closest(r)[0].reasons).toEqual([
      'header "x-api-key" does not match /^k-/ (got "abc")',
      'header "x-env" is "prod", expected "test"',
    ]);
    expect(m.closest(req('GET', '/me'))[0].reasons).toEqual(['header "x-api-key" is missing', 'header "x-env" is missing']);
  });

  it('points at the first place where the body differs', () => {
    const m = matcherOf([ep('POST', '/o', { match: { body: { type: 'a', items: [{ sku: 'X' }], 'x-y': 1 } } })]);
    const reasonsFor = (body: unknown) => m.closest(req('POST', '/o', { body }))[0].reasons;
    expect(reasonsFor(undefined)).toEqual(['body is missing, expected {"type":"a","items":[{"sku":"X"}],"x-y":1}']);
    expect(reasonsFor({ type: 'b' })).toEqual(['body.type is "b", expected "a"']);
    expect(reasonsFor({ type: 'a' })).toEqual(['body.items is missing, expected [{"sku":"X"}]']);
    expect(reasonsFor({ type: 'a', items: [] })).toEqual(['body.items has 0 items, expected 1']);
    expect(reasonsFor({ type: 'a', items: [{ sku: 'Y' }] })).toEqual(['body.items[0].sku is "Y", expected "X"']);
    expect(reasonsFor({ type: 'a', items: [{ sku: 'X' }] })).toEqual(['body["x-y"] is missing, expected 1']);
    expect(reasonsFor('text')).toEqual(['body is "text", expected {"type":"a","items":[{"sku":"X"}],"x-y":1}']);
  });

  it('cuts long values short in reasons', () => {
    const m = matcherOf([ep('GET', '/s', { match: { query: { q: 'y' } } })]);
    const [reason] = m.closest(req('GET', `/s?q=${'z'.repeat(200)}`))[0].reasons;
    expect(reason.length).toBeLessThan(100);
    expect(reason).toMatch(/…", expected "y"$/);
  });

  it('lists every reason of an endpoint, method first', () => {
    const m = matcherOf([ep('PUT', '/a/b', { match: { query: { v: '1' } } })]);
    expect(m.closest(req('GET', '/a/c'))[0].reasons).toEqual([
      'method is GET, not PUT',
      'path differs at segment 2: got "c", expected "b"',
      'query "v" is missing',
    ]);
  });

  it('ranks a wrong method on the right path above a different path', () => {
    const m = matcherOf([ep('GET', '/orders', { name: 'orders' }), ep('POST', '/users', { name: 'create-user' })]);
    expect(m.closest(req('GET', '/users')).map((n) => n.name)).toEqual(['create-user', 'orders']);
  });

  it('ranks a typo in a segment above an unrelated word', () => {
    const m = matcherOf([ep('GET', '/api/orders', { name: 'orders' }), ep('GET', '/api/users', { name: 'users' })]);
    expect(m.closest(req('GET', '/api/user')).map((n) => n.name)).toEqual(['users', 'orders']);
  });

  it('ranks a failed condition above a wrong method', () => {
    const m = matcherOf([
      ep('POST', '/x', { name: 'post' }),
      ep('GET', '/x', { name: 'get-v2', match: { headers: { accept: 'v2' } } }),
    ]);
    expect(m.closest(req('GET', '/x'))[0].name).toBe('get-v2');
  });

  it('breaks ties in distance by priority, then load order', () => {
    const m = matcherOf([
      ep('GET', '/a', { name: 'a', order: 0 }),
      ep('GET', '/b', { name: 'b', order: 1, priority: 2 }),
      ep('GET', '/c', { name: 'c', order: 2 }),
    ]);
    expect(m.closest(req('GET', '/z')).map((n) => n.name)).toEqual(['b', 'a', 'c']);
  });

  it('returns at most three near misses by default, and as many as asked for', () => {
    const m = matcherOf(['/a', '/b', '/c', '/d', '/e'].map((p) => ep('GET', p)));
    expect(m.closest(req('GET', '/z'))).toHaveLength(3);
    expect(m.closest(req('GET', '/z'), 1)).toHaveLength(1);
    expect(m.closest(req('GET', '/z'), 10)).toHaveLength(5);
  });

  it('does not report a method problem when a GET endpoint would answer a HEAD request', () => {
    const m = matcherOf([ep('GET', '/x', { match: { query: { a: '1' } } })]);
    expect(m.closest(req('HEAD', '/x'))[0].reasons).toEqual(['query "a" is missing']);
  });

  it('returns an empty list when there are no endpoints', () => {
    expect(matcherOf([]).closest(req('GET', '/'))).toEqual([]);
    expect(matcherOf([]).match(req('GET', '/'))).toBeNull();
    expect(matcherOf([]).size).toBe(0);
  });
});
