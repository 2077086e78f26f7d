/** Query, header and body conditions, and CONFIG_REGEX issues. */
import { compileMatcher } from '../../src/matching/matcher';
import { ErrorCodes } from '../../src/errors/codes';
import { ep, fakeLocate, matcherOf, req } from './make-endpoint';

describe('query conditions', () => {
  const m = matcherOf([
    ep('GET', '/search', { match: { query: { q: 'shoes', page: { regex: '^[0-9]+$' } } } }),
  ]);

  it('requires every query condition to hold', () => {
    expect(m.match(req('GET', '/search?q=shoes&page=2'))).not.toBeNull();
    expect(m.match(req('GET', '/search?q=shoes&page=two'))).toBeNull();
    expect(m.match(req('GET', '/search?q=boots&page=2'))).toBeNull();
  });

  it('fails when a query key is missing', () => {
    expect(m.match(req('GET', '/search?q=shoes'))).toBeNull();
  });

  it('ignores query keys the endpoint does not mention', () => {
    expect(m.match(req('GET', '/search?q=shoes&page=1&sort=asc'))).not.toBeNull();
  });

  it('matches a repeated query key when any one of its values matches', () => {
    expect(m.match(req('GET', '/search?q=boots&q=shoes&page=x&page=3'))).not.toBeNull();
    expect(m.match(req('GET', '/search?q=boots&q=hats&page=3'))).toBeNull();
  });

  it('compares numbers written in YAML as text', () => {
    const n = matcherOf([ep('GET', '/p', { match: { query: { page: 2 as unknown as string } } })]);
    expect(n.match(req('GET', '/p?page=2'))).not.toBeNull();
  });

  it('does not mistake an inherited property for a query key', () => {
    const n = matcherOf([ep('GET', '/p', { match: { query: { constructor: { regex: '.' } } } })]);
    expect(n.match(req('GET', '/p'))).toBeNull();
  });
});

describe('header conditions', () => {
  it('compares header names case-insensitively', () => {
    const m = matcherOf([ep('GET', '/me', { match: { headers: { 'X-Api-Key': 'secret' } } })]);
    expect(m.match(req('GET', '/me', { headers: { 'x-api-key': 'secret' } }))).not.toBeNull();
    expect(m.match(req('GET', '/me', { headers: { 'x-api-key': 'Secret' } }))).toBeNull();
    expect(m.match(req('GET', '/me'))).toBeNull();
  });

  it('searches with a regex, which the author anchors with ^ and $ when needed', () => {
    const m = matcherOf([ep('GET', '/me', { match: { headers: { authorization: { regex: 'Bearer k-' } } } })]);
    expect(m.match(req('GET', '/me', { headers: { authorization: 'Bearer k-123' } }))).not.toBeNull();
    expect(m.match(req('GET', '/me', { headers: { authorization: 'Basic x' } }))).toBeNull();
  });

  it('gives the same answer for a regex on every request, keeping no state between them', () => {
    const m = matcherOf([ep('GET', '/me', { match: { headers: { a: { regex: 'x' } } } })]);
    const r = req('GET', '/me', { headers: { a: 'x' } });
    expect([m.match(r), m.match(r), m.match(r)].every((h) => h !== null)).toBe(true);
  });
});

describe('body conditions', () => {
  const m = matcherOf([
    ep('POST', '/orders', { match: { body: { type: 'express', customer: { tier: 'gold' }, items: [{ sku: 'A' }] } } }),
  ]);

  it('matches a body that contains every key of the pattern, ignoring extra keys', () => {
    const body = { type: 'express', note: 'x', customer: { tier: 'gold', id: 9 }, items: [{ sku: 'A', qty: 2 }] };
    expect(m.match(req('POST', '/orders', { body }))).not.toBeNull();
  });

  it('fails when a nested value differs', () => {
    const body = { type: 'express', customer: { tier: 'silver' }, items: [{ sku: 'A' }] };
    expect(m.match(req('POST', '/orders', { body }))).toBeNull();
  });

  it('compares arrays element by element and requires equal length', () => {
    const body = { type: 'express', customer: { tier: 'gold' }, items: [{ sku: 'A' }, { sku: 'B' }] };
    expect(m.match(req('POST', '/orders', { body }))).toBeNull();
  });

  it('fails when there is no body', () => {
    expect(m.match(req('POST', '/orders'))).toBeNull();
  });

  it('compares scalars strictly, so 1 and "1" differ', () => {
    const n = matcherOf([ep('POST', '/x', { match: { body: { id: 1 } } })]);
    expect(n.match(req('POST', '/x', { body: { id: 1 } }))).not.toBeNull();
    expect(n.match(req('POST', '/x', { body: { id: '1' } }))).toBeNull();
  });

  it('matches null only against null', () => {
    const n = matcherOf([ep('POST', '/x', { match: { body: { parent: null } } })]);
    expect(n.match(req('POST', '/x', { body: { parent: null } }))).not.toBeNull();
    expect(n.match(req('POST', '/x', { body: { parent: {} } }))).toBeNull();
    expect(n.match(req('POST', '/x', { body: {} }))).toBeNull();
  });

  it('lets an empty object pattern match any JSON object body but not an array', () => {
    const n = matcherOf([ep('POST', '/x', { match: { body: {} } })]);
    expect(n.match(req('POST', '/x', { body: { a: 1 } }))).not.toBeNull();
    expect(n.match(req('POST', '/x', { body: [] }))).toBeNull();
  });

  it('matches a text body against a string pattern exactly', () => {
    const n = matcherOf([ep('POST', '/x', { match: { body: 'ping' } })]);
    expect(n.match(req('POST', '/x', { body: 'ping' }))).not.toBeNull();
    expect(n.match(req('POST', '/x', { body: 'ping!' }))).toBeNull();
  });
});

describe('condition errors', () => {
  it('reports an invalid regex as a CONFIG_REGEX issue at the regex value', () => {
    const locate = fakeLocate('auth.yaml', { '/match/headers/X-Id/regex': [12, 16] });
    const result = compileMatcher([ep('GET', '/x', { locate, match: { headers: { 'X-Id': { regex: '(unclosed' } } } })]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      expect.objectContaining({ code: ErrorCodes.CONFIG_REGEX, file: 'auth.yaml', line: 12, col: 16 }),
    ]);
    expect(result.issues[0].message).toMatch(/match\.headers "X-Id": invalid regular expression "\(unclosed"/);
  });

  it('escapes the key in the JSON pointer of a query regex', () => {
    const locate = fakeLocate('q.yaml', { '/match/query/a~1b~0c/regex': [3, 9] });
    const result = compileMatcher([ep('GET', '/x', { locate, match: { query: { 'a/b~c': { regex: '[' } } } })]);
    expect(result.ok ? null : result.issues[0]).toMatchObject({ code: ErrorCodes.CONFIG_REGEX, line: 3, col: 9 });
  });

  it('reports a condition that is neither a string nor {regex} as a schema issue', () => {
    const locate = fakeLocate('q.yaml', { '/match/query/q': [4, 6] });
    const result = compileMatcher([ep('GET', '/x', { locate, match: { query: { q: { exact: 'a' } as never } } })]);
    expect(result.ok ? null : result.issues[0]).toMatchObject({ code: ErrorCodes.CONFIG_SCHEMA, line: 4, col: 6 });
  });

  it('reports a bad path and a bad regex of the same endpoint together', () => {
    const result = compileMatcher([ep('GET', 'x', { match: { query: { q: { regex: '*' } } } })]);
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual([ErrorCodes.CONFIG_PATH, ErrorCodes.CONFIG_REGEX]);
  });
});
