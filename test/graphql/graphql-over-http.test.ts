import { buildClientSchema, getIntrospectionQuery, printSchema, buildSchema } from 'graphql';
import { SDL, get, post, responder } from './helpers';

describe('GraphQL over HTTP', () => {
  const r = responder();

  it('takes POST with a JSON body and answers application/json by default', () => {
    const answer = post(r, { query: '{ hello }' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.json).toEqual({ data: { hello: 'Hello World' } });
  });

  it('answers application/graphql-response+json to a client that asks for it', () => {
    const answer = post(r, { query: '{ hello }' }, { accept: 'application/graphql-response+json, application/json;q=0.9' });
    expect(answer.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    expect(post(r, { query: '{ hello }' }, { accept: 'application/graphql-response+json;q=0.5, application/json' }).headers['content-type']).toMatch(/^application\/json/);
  });

  it('takes GET with query, variables and operationName in the query string', () => {
    const answer = get(r, { query: 'query A { hello } query B($id: ID!) { user(id: $id) { id } }', operationName: 'B', variables: '{"id":"9"}' });
    expect(answer.status).toBe(200);
    expect(answer.graphql).toEqual({ operation: 'B', type: 'query' });
    expect(typeof answer.json.data.user.id).toBe('string');
  });

  it('takes an application/graphql body holding the query text', () => {
    const answer = r.respond({ method: 'POST', query: {}, headers: { 'content-type': 'application/graphql' }, body: '{ hello }' }, { now: 0, random: Math.random });
    expect(JSON.parse(answer.body.toString())).toEqual({ data: { hello: 'Hello World' } });
  });

  it('refuses a mutation over GET with 405 and Allow: POST', () => {
    const answer = get(r, { query: 'mutation { deleteUser(id: "1") }' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('POST');
    expect(answer.json.errors[0].message).toMatch(/POST/);
  });

  it('answers 400 with the parser\'s error and its location for a query that does not parse', () => {
    const answer = post(r, { query: '{ hello ' });
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0]).toMatchObject({ message: expect.stringMatching(/^Syntax Error/), locations: [{ line: 1, column: 9 }] });
    expect(answer.json.data).toBeUndefined();
  });

  it('answers 400 listing every validation error', () => {
    const answer = post(r, { query: '{ nope user { nope2 } }' });
    expect(answer.status).toBe(400);
    const messages = answer.json.errors.map((e: { message: string }) => e.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/nope/), expect.stringMatching(/nope2/), expect.stringMatching(/argument "id"/)]));
  });

  it('answers 400 to variables of the wrong type', () => {
    const answer = post(r, { query: 'query Q($id: ID!) { user(id: $id) { id } }', variables: { id: { no: 1 } } });
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].message).toMatch(/\$id/);
  });

  it.each([
    ['a body that is not an object', { method: 'POST', headers: { 'content-type': 'application/json' }, body: [1] }, 400],
    ['a query that is not a string', { method: 'POST', headers: { 'content-type': 'application/json' }, body: { query: 5 } }, 400],
    ['variables that are not an object', { method: 'POST', headers: { 'content-type': 'application/json' }, body: { query: '{ hello }', variables: [1] } }, 400],
    ['no query at all', { method: 'POST', headers: { 'content-type': 'application/json' }, body: {} }, 400],
    ['a GET with variables that are not JSON', { method: 'GET', headers: {}, body: undefined, query: { query: '{ hello }', variables: '{' } }, 400],
    ['a body of another media type', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ hello }' }, 415],
    ['a PUT', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: { query: '{ hello }' } }, 405],
    ['an operationName the document lacks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: { query: 'query A { hello }', operationName: 'B' } }, 400],
    ['two operations and no operationName', { method: 'POST', headers: { 'content-type': 'application/json' }, body: { query: 'query A { hello } query B { hello }' } }, 400],
  ])('answers %s with a GraphQL error and a 4xx', (_what, input, status) => {
    const answer = r.respond({ query: {}, ...input } as never, { now: 0, random: Math.random });
    expect(answer.status).toBe(status);
    const json = JSON.parse(answer.body.toString());
    expect(json.errors).toHaveLength(1);
    expect(typeof json.errors[0].message).toBe('string');
  });

  it('serves introspection that buildClientSchema turns back into the same schema', () => {
    const { json } = post(r, { query: getIntrospectionQuery() });
    expect(json.errors).toBeUndefined();
    expect(printSchema(buildClientSchema(json.data))).toBe(printSchema(buildSchema(SDL)));
  });

  it('refuses introspection when introspection is false, but still answers __typename', () => {
    const closed = responder({ introspection: false });
    const answer = post(closed, { query: getIntrospectionQuery() });
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].message).toMatch(/introspection/i);
    expect(post(closed, { query: '{ __typename hello }' }).json.data).toEqual({ __typename: 'Query', hello: 'Hello World' });
  });
});
