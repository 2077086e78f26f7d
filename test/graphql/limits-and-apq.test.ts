import { createHash } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { DocumentCache } from '../../src/graphql/document-cache';
import { buildSchema } from 'graphql';
import { SDL, get, post, responder } from './helpers';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

describe('automatic persisted queries', () => {
  it('asks for the query when the hash is unknown, stores it on registration, then answers the hash alone', () => {
    const r = responder();
    const query = '{ hello }';
    const miss = post(r, { extensions: apq(sha(query)) });
    expect(miss.status).toBe(200);
    expect(miss.json.errors).toEqual([{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }]);
    expect(post(r, { query, extensions: apq(sha(query)) }).json).toEqual({ data: { hello: 'Hello World' } });
    expect(post(r, { extensions: apq(sha(query)) }).json).toEqual({ data: { hello: 'Hello World' } });
    expect(get(r, { extensions: JSON.stringify(apq(sha(query))) }).json).toEqual({ data: { hello: 'Hello World' } });
  });

  it('refuses a hash that does not match its query, and stores nothing', () => {
    const r = responder();
    const wrong = sha('{ other }');
    const answer = post(r, { query: '{ hello }', extensions: apq(wrong) });
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].message).toBe('provided sha does not match query');
    expect(post(r, { extensions: apq(wrong) }).json.errors[0].message).toBe('PersistedQueryNotFound');
  });

  it('does not store a query that fails validation', () => {
    const r = responder();
    const bad = '{ nope }';
    expect(post(r, { query: bad, extensions: apq(sha(bad)) }).status).toBe(400);
    expect(post(r, { extensions: apq(sha(bad)) }).json.errors[0].message).toBe('PersistedQueryNotFound');
  });

  it('refuses an unsupported version', () => {
    const answer = post(responder(), { extensions: { persistedQuery: { version: 2, sha256Hash: sha('{ hello }') } } });
    expect(answer.status).toBe(400);
  });
});

describe('limits on what a client may send', () => {
  const r = responder();

  it('refuses a query larger than 100 KiB with a GraphQL error', () => {
    const query = `{ hello ${' '.repeat(100 * 1024)}}`;
    const answer = post(r, { query });
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].message).toMatch(/larger than 100 KiB/);
  });

  const nested = (levels: number): string => {
    let q = 'id';
    for (let i = 1; i < levels; i++) q = `friends { ${q} }`;
    return `{ users { ${q} } }`;
  };

  it('answers 15 levels of nesting and refuses 16', () => {
    const ok = post(responder({ list_length: 1 }), { query: nested(14) });
    expect(ok.status).toBe(200);
    expect(ok.json.errors).toBeUndefined();
    const deep = post(r, { query: nested(15) });
    expect(deep.status).toBe(400);
    expect(deep.json.errors[0].message).toMatch(/16 levels deep; at most 15/);
  });

  it('counts fragments into the depth', () => {
    const query = `query Deep { users { ...F } } fragment F on User { ${'friends { '.repeat(15)}id${' }'.repeat(15)} }`;
    expect(post(r, { query }).status).toBe(400);
  });

  it('refuses a query whose nested lists would make the answer hold more than 10,000 values, before running it', () => {
    const wide = responder({ list_length: 10 });
    const answer = post(wide, { query: '{ users { friends { friends { friends { id name } } } } }' });
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].message).toMatch(/more than 10,000 values \(lists of 10 nested in lists\)/);
    // refused as a request error: nothing was executed, so there is no data at all
    expect(answer.json).not.toHaveProperty('data');
    expect(post(wide, { query: '{ users { friends { friends { id name } } } }' }).status).toBe(200);
    expect(post(wide, { query: 'query Q { users { ...F } } fragment F on User { friends { friends { friends { id } } } }' }).status).toBe(400);
  });

  it('lets the standard introspection query through', () => {
    expect(post(r, { query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }) }).status).toBe(200);
  });

  it('keeps the parse and validation cache bounded', () => {
    const cache = new DocumentCache(buildSchema(SDL), { introspection: true, maxEntries: 50 });
    for (let i = 0; i < 500; i++) cache.prepare(`{ hello a${i}: hello }`);
    expect(cache.size).toBe(50);
    const first = cache.prepare('{ hello }');
    expect(cache.prepare('{ hello }')).toBe(first);
  });
});
