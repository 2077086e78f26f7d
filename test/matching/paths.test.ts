/** Path syntax: params, wildcards, trailing slashes, decoding, case, and CONFIG_PATH issues. */
import { compileMatcher } from '../../src/matching/matcher';
import { ErrorCodes } from '../../src/errors/codes';
import { ep, fakeLocate, matcherOf, req } from './make-endpoint';

describe('path patterns', () => {
  it('matches a static path exactly', () => {
    const m = matcherOf([ep('GET', '/api/users')]);
    expect(m.match(req('GET', '/api/users'))?.endpoint.path).toBe('/api/users');
    expect(m.match(req('GET', '/api/user'))).toBeNull();
    expect(m.match(req('GET', '/api/users/1'))).toBeNull();
  });

  it('names a segment with :name and returns its value as a param', () => {
    const hit = matcherOf([ep('GET', '/users/:id/orders/:orderId')]).match(req('GET', '/users/42/orders/a-7'));
    expect(hit?.params).toEqual({ id: '42', orderId: 'a-7' });
  });

  it('percent-decodes param values but keeps an encoded slash inside its segment', () => {
    const m = matcherOf([ep('GET', '/files/:name')]);
    expect(m.match(req('GET', '/files/my%20report'))?.params).toEqual({ name: 'my report' });
    expect(m.match(req('GET', '/files/a%2Fb'))?.params).toEqual({ name: 'a/b' });
  });

  it('keeps an encoded slash in a static segment: /files/a%2Fb is two segments, /files/a/b three', () => {
    const m = matcherOf([ep('GET', '/files/a%2Fb')]);
    expect(m.match(req('GET', '/files/a%2Fb'))).not.toBeNull();
    expect(m.match(req('GET', '/files/a/b'))).toBeNull();
  });

  it('keeps a segment that is not valid percent-encoding as written', () => {
    expect(matcherOf([ep('GET', '/p/:v')]).match(req('GET', '/p/100%'))?.params).toEqual({ v: '100%' });
  });

  it('matches static segments after decoding, so an encoded letter still matches', () => {
    expect(matcherOf([ep('GET', '/abc')]).match(req('GET', '/a%62c'))).not.toBeNull();
  });

  it('does not let a param match an empty segment', () => {
    const m = matcherOf([ep('GET', '/users/:id/orders')]);
    expect(m.match(req('GET', '/users//orders'))).toBeNull();
    expect(m.match(req('GET', '/users/'))).toBeNull();
  });

  it('lets a trailing * match the rest of the path and exposes it as params["*"]', () => {
    const m = matcherOf([ep('GET', '/files/*')]);
    expect(m.match(req('GET', '/files/a/b/c.txt'))?.params).toEqual({ '*': 'a/b/c.txt' });
  });

  it('lets /api/* match /api itself with an empty rest', () => {
    const m = matcherOf([ep('GET', '/api/*')]);
    expect(m.match(req('GET', '/api'))?.params).toEqual({ '*': '' });
    expect(m.match(req('GET', '/api/'))?.params).toEqual({ '*': '' });
    expect(m.match(req('GET', '/apix'))).toBeNull();
  });

  it('lets /* match every path, including the root', () => {
    const m = matcherOf([ep('ANY', '/*')]);
    expect(m.match(req('GET', '/'))?.params).toEqual({ '*': '' });
    expect(m.match(req('DELETE', '/x/y'))?.params).toEqual({ '*': 'x/y' });
  });

  it('combines params and a wildcard', () => {
    const hit = matcherOf([ep('GET', '/repos/:owner/*')]).match(req('GET', '/repos/acme/src/index.ts'));
    expect(hit?.params).toEqual({ owner: 'acme', '*': 'src/index.ts' });
  });

  it('treats a trailing slash as absent, in requests and in patterns', () => {
    expect(matcherOf([ep('GET', '/users')]).match(req('GET', '/users/'))).not.toBeNull();
    expect(matcherOf([ep('GET', '/users/')]).match(req('GET', '/users'))).not.toBeNull();
  });

  it('matches the root path', () => {
    const m = matcherOf([ep('GET', '/')]);
    expect(m.match(req('GET', '/'))?.params).toEqual({});
    expect(m.match(req('GET', '/x'))).toBeNull();
  });

  it('compares paths case-sensitively', () => {
    expect(matcherOf([ep('GET', '/Users')]).match(req('GET', '/users'))).toBeNull();
  });

  it('treats a colon inside a segment as a literal character', () => {
    const m = matcherOf([ep('POST', '/v1/items:batch')]);
    expect(m.match(req('POST', '/v1/items:batch'))?.params).toEqual({});
    expect(m.match(req('POST', '/v1/items'))).toBeNull();
  });

  it('matches a static and a param endpoint on the same path by priority, not by specificity', () => {
    const m = matcherOf([ep('GET', '/users/:id', { name: 'by-id' }), ep('GET', '/users/me', { name: 'me' })]);
    expect(m.match(req('GET', '/users/me'))?.endpoint.name).toBe('by-id');
    const n = matcherOf([ep('GET', '/users/:id', { name: 'by-id' }), ep('GET', '/users/me', { name: 'me', priority: 1 })]);
    expect(n.match(req('GET', '/users/me'))?.endpoint.name).toBe('me');
    expect(n.match(req('GET', '/users/7'))?.params).toEqual({ id: '7' });
  });

  it('binds params from the winning pattern when several patterns share a position', () => {
    const m = matcherOf([ep('GET', '/a/:x/b', { priority: 1 }), ep('GET', '/a/:y/c')]);
    expect(m.match(req('GET', '/a/1/b'))?.params).toEqual({ x: '1' });
    expect(m.match(req('GET', '/a/2/c'))?.params).toEqual({ y: '2' });
  });
});

describe('path pattern errors', () => {
  const bad: [string, RegExp][] = [
    ['users', /must start with "\/"/],
    ['', /must be a string starting with "\/"/],
    ['/files/*/meta', /"\*" must be the last segment/],
    ['/files/*.json', /"\*" must be a whole segment/],
    ['/users/:', /":" without a parameter name/],
    ['/users/:id/posts/:id', /names the parameter ":id" twice/],
    ['/users/:user-id', /parameter name "user-id" may use only letters, digits and "_"/],
    ['/a//b', /empty segment/],
    ['/search?q=1', /must not contain "\?" or "#"/],
  ];

  it.each(bad)('reports %j as a CONFIG_PATH issue at the path key', (path, message) => {
    const locate = fakeLocate('api/users.yaml', { '/path': [7, 11] });
    const result = compileMatcher([ep('GET', path, { locate })]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: ErrorCodes.CONFIG_PATH, file: 'api/users.yaml', line: 7, col: 11 });
    expect(result.issues[0].message).toMatch(message);
  });

  it('reports every bad path in the set, not just the first', () => {
    const result = compileMatcher([ep('GET', '/ok'), ep('GET', 'a'), ep('GET', '/b/*/c')]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toEqual([ErrorCodes.CONFIG_PATH, ErrorCodes.CONFIG_PATH]);
  });
});
