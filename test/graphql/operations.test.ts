import { createRandom } from '../../src/behaviours/random';
import { post, responder } from './helpers';

const GET_USER = 'query GetUser($id: ID!) { user(id: $id) { id name role posts { title } } }';

describe('fixed answers from operations', () => {
  const r = () => responder({
    operations: [
      { operation: 'GetUser', variables: { id: '1' }, data: { user: { id: '1', name: 'Ann' } } },
      { operation: 'GetUser', variables: { id: '2' }, data: { user: null } },
      { operation: 'DeleteUser', errors: [{ message: 'forbidden', extensions: { code: 'FORBIDDEN' } }] },
      { operation: 'Partial', data: { hello: 'hi' }, errors: [{ message: 'users failed', path: ['users'] }] },
    ],
  });

  it('answers the operation whose name and variables match, completing missing fields with mocks', () => {
    const { status, json } = post(r(), { query: GET_USER, variables: { id: '1' } });
    expect(status).toBe(200);
    expect(json.data.user.id).toBe('1');
    expect(json.data.user.name).toBe('Ann');
    expect(['ADMIN', 'EDITOR', 'VIEWER']).toContain(json.data.user.role);
    expect(json.data.user.posts).toHaveLength(2);
    expect(typeof json.data.user.posts[0].title).toBe('string');
  });

  it('sends only the fields the query selects, even when the fixed data holds more', () => {
    const { json } = post(r(), { query: 'query GetUser($id: ID!) { user(id: $id) { id } }', variables: { id: '1' } });
    expect(json.data).toEqual({ user: { id: '1' } });
  });

  it('honours a fixed null and falls back to mocks when no variables match', () => {
    expect(post(r(), { query: GET_USER, variables: { id: '2' } }).json.data).toEqual({ user: null });
    const other = post(r(), { query: GET_USER, variables: { id: '3' } }).json;
    expect(other.data.user.name).not.toBe('Ann');
  });

  it('matches a fixed answer by response key when the query uses an alias', () => {
    const rr = responder({ operations: [{ operation: 'Two', data: { first: { name: 'One' }, second: { name: 'Two' } } }] });
    const { json } = post(rr, { query: 'query Two { first: user(id: "1") { name } second: user(id: "2") { name } }' });
    expect(json.data).toEqual({ first: { name: 'One' }, second: { name: 'Two' } });
  });

  it('answers errors with data null, or with partial data', () => {
    const del = post(r(), { query: 'mutation DeleteUser { deleteUser(id: "1") }' });
    expect(del.status).toBe(200);
    expect(del.json).toEqual({ errors: [{ message: 'forbidden', extensions: { code: 'FORBIDDEN' } }], data: null });
    const partial = post(r(), { query: 'query Partial { hello users { id } }' }).json;
    expect(partial.errors).toEqual([{ message: 'users failed', path: ['users'] }]);
    expect(partial.data.hello).toBe('hi');
  });

  it('delays an operation by its latency_ms and tags the answer with the operation', () => {
    const rr = responder({ operations: [{ operation: 'Slow', latency_ms: 250 }] });
    const answer = post(rr, { query: 'query Slow { hello }' });
    expect(answer.delayMs).toBe(250);
    expect(answer.graphql).toEqual({ operation: 'Slow', type: 'query' });
    expect(post(rr, { query: 'query Fast { hello }' }).delayMs).toBe(0);
  });

  it('fails an operation by its failure_rate: a status failure with a GraphQL body, or a fault on the socket', () => {
    const rr = responder({
      operations: [
        { operation: 'Boom', failure_rate: 1 },
        { operation: 'Teapot', failure_rate: 1, failure: { status: 418, response: { errors: [{ message: 'tea' }] } } },
        { operation: 'Reset', failure_rate: 1, failure: { kind: 'reset' } },
      ],
    });
    const boom = post(rr, { query: 'query Boom { hello }' });
    expect(boom.status).toBe(500);
    expect(boom.json.errors[0].message).toMatch(/failure injected/i);
    expect(post(rr, { query: 'query Teapot { hello }' })).toMatchObject({ status: 418, json: { errors: [{ message: 'tea' }] } });
    expect(post(rr, { query: 'query Reset { hello }' }).failure).toEqual({ kind: 'reset', durationMs: undefined });
  });

  it('fails about failure_rate of the requests, reproducibly for one seed', () => {
    const rr = responder({ operations: [{ operation: 'Flaky', failure_rate: 0.3 }] });
    const random = createRandom(99);
    const statuses = Array.from({ length: 1000 }, () => rr.respond({ method: 'POST', query: {}, headers: { 'content-type': 'application/json' }, body: { query: 'query Flaky { hello }' } }, { now: 0, random }).status);
    const failed = statuses.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(240);
    expect(failed).toBeLessThan(360);
  });

  it('lists the operation names it fixes, for bounded metric labels', () => {
    expect([...r().operationNames].sort()).toEqual(['DeleteUser', 'GetUser', 'Partial']);
  });
});
