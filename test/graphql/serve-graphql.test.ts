import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { formatIssue } from '../../src/errors/config-issue';
import { type TestApp, createTestApp } from '../helpers/test-app';
import { FIXTURE } from './live-server';

describe('graphql endpoints served by mockdock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: FIXTURE, seed: 3 });
  });
  const server = () => t.app.callback();

  it('answers POST without a method in the config, and GET, on the same path', async () => {
    const post = await request(server()).post('/graphql').send({ query: 'query GetUser($id: ID!) { user(id: $id) { id name } }', variables: { id: '1' } });
    expect(post.status).toBe(200);
    expect(post.body).toEqual({ data: { user: { id: '1', name: 'Ann' } } });
    const get = await request(server()).get('/graphql').query({ query: '{ hello }' });
    expect(get.body).toEqual({ data: { hello: 'Hello World' } });
  });

  it('takes an application/graphql body', async () => {
    const res = await request(server()).post('/graphql').set('content-type', 'application/graphql').send('{ hello }');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { hello: 'Hello World' } });
  });

  it('logs the operation and its type with each request', async () => {
    await request(server()).delete('/__logs');
    await request(server()).post('/graphql').send({ query: 'mutation DeleteUser { deleteUser(id: "2") }' });
    await request(server()).post('/graphql').send({ query: '{ nope }' });
    const logs = (await request(server()).get('/__logs')).body;
    expect(logs[0]).toMatchObject({ endpoint: 'ANY /graphql', status: 400, graphql: { operation: null, type: null } });
    expect(logs[1]).toMatchObject({ endpoint: 'ANY /graphql', status: 200, graphql: { operation: 'DeleteUser', type: 'mutation' } });
  });

  it('counts operations by name when operations lists them, and as "other" otherwise', async () => {
    for (const name of ['Slow', 'Rare1', 'Rare2']) await request(server()).post('/graphql').send({ query: `query ${name} { hello }` });
    const text = (await request(server()).get('/metrics')).text;
    expect(text).toMatch(/mockdock_graphql_operations_total\{endpoint="ANY \/graphql",operation="Slow",type="query"\} 1/);
    expect(text).toMatch(/mockdock_graphql_operations_total\{endpoint="ANY \/graphql",operation="other",type="query"\} [2-9]/);
    expect(text).not.toMatch(/operation="Rare1"/);
  });

  it('delays an operation by its latency_ms on top of the endpoint\'s', async () => {
    await request(server()).delete('/__logs');
    const started = Date.now();
    await request(server()).post('/graphql').send({ query: 'query Slow { hello }' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((await request(server()).get('/__logs')).body[0].latency_ms).toBe(150);
  });

  it('refuses introspection on an endpoint that turns it off', async () => {
    const res = await request(server()).post('/closed').send({ query: '{ __schema { types { name } } }' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/introspection/i);
  });

  it('answers a GET without a query with a GraphQL request error', async () => {
    const res = await request(server()).get('/graphql');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/Send a query/);
  });

  it('applies the endpoint\'s own behaviours before the operation is read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-gql-'));
    fs.writeFileSync(path.join(dir, 'g.yaml'), '- path: /g\n  failure_rate: 1\n  failure: { status: 503, response: { errors: [{ message: down }] } }\n  graphql:\n    schema: "type Query { a: Int }"\n');
    const app = await createTestApp({ config: dir });
    const res = await request(app.app.callback()).post('/g').send({ query: '{ a }' });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ errors: [{ message: 'down' }] });
    fs.rmSync(dir, { recursive: true });
  });
});

describe('graphql config problems, as validate and reload report them', () => {
  const folder = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-gql-bad-'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  };

  it('reports an SDL file that does not parse at its own file, line and column', async () => {
    const dir = folder({ 'schema.graphql': 'type Query {\n  a: Int\n  b:\n}\n', 'g.yaml': '- path: /g\n  graphql:\n    schema_file: schema.graphql\n' });
    const built = await buildEndpointSet(dir, { seed: 1, now: () => 0 });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.issues.map(formatIssue)).toEqual(['schema.graphql:4:1 Syntax Error: Expected Name, found "}".']);
  });

  it('reports an unknown key under graphql at its line', async () => {
    const dir = folder({ 'g.yaml': '- path: /g\n  graphql:\n    schema: "type Query { a: Int }"\n    mock: {}\n' });
    const built = await buildEndpointSet(dir, { seed: 1, now: () => 0 });
    if (built.ok) throw new Error('expected problems');
    const lines = built.issues.map(formatIssue).join('\n');
    expect(lines).toMatch(/g\.yaml:4:\d+ .*mock/);
  });

  it('reports a schema_file that leaves the config folder', async () => {
    const dir = folder({ 'g.yaml': '- path: /g\n  graphql:\n    schema_file: ../outside.graphql\n' });
    const built = await buildEndpointSet(dir, { seed: 1, now: () => 0 });
    if (built.ok) throw new Error('expected problems');
    expect(built.issues.map(formatIssue)).toEqual([expect.stringMatching(/^g\.yaml:3:5 schema_file "..\/outside.graphql" points outside the config folder/)]);
  });
});
