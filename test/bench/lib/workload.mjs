// The bodies, paths and generated config folders every benchmark target is measured with.
import fs from 'node:fs';
import path from 'node:path';

/** The static answer (~120 bytes of JSON), shared by mockdock, the baselines and the peers. */
export const STATIC_OBJECT = {
  id: 1,
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  roles: ['admin', 'editor'],
  active: true,
  created: '2024-01-15T09:30:00Z',
};
export const STATIC_TEXT = JSON.stringify(STATIC_OBJECT);

export const STATIC_PATH = '/api/static';
export const PARAM_PATH = '/api/users/:id';
export const POST_PATH = '/api/orders';
export const BEHAVIOURS_PATH = '/api/behaviours';

/** The templated param answer; strings are templates, so the id is echoed per request. */
export const PARAM_OBJECT = {
  id: '{{params.id}}',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  roles: ['admin', 'editor'],
  active: true,
};

export const POST_ANSWER = { ok: true, order: 'ord_1', status: 'accepted' };

export const GRAPHQL_PATH = '/graphql';
/** The same schema with a templated mock: its answers cannot be reused, so every request executes. */
export const GRAPHQL_EXECUTED_PATH = '/graphql-executed';
export const GRAPHQL_SDL = `enum Role { ADMIN EDITOR VIEWER }
type Post { id: ID! title: String! likes: Int! tags: [String!]! }
type User { id: ID! name: String! role: Role! posts: [Post!]! friends: [User!]! }
type Query { user(id: ID!): User users: [User!]! }`;
/** A fixed-answer operation (complete data: nothing to mock). */
export const GRAPHQL_FIXED_BODY = JSON.stringify({ query: 'query GetUser($id: ID!) { user(id: $id) { id name role } }', variables: { id: '1' }, operationName: 'GetUser' });
export const GRAPHQL_FIXED_ANSWER = { data: { user: { id: '1', name: 'Ada Lovelace', role: 'ADMIN' } } };
/** An auto-mocked query three levels deep with lists at each level (2 users × 2 posts/friends × 2 tags). */
export const GRAPHQL_AUTO_BODY = JSON.stringify({ query: '{ users { id name role posts { id title likes tags } friends { id name } } }' });

/** Path of the i-th generated many-routes endpoint (two static segments, as real APIs have). */
export function manyRoutePath(i) {
  return `/api/resource-${i}/items`;
}

/** A JSON request body of about `bytes` bytes (a list of items padded to size). */
export function jsonBodyOfSize(bytes) {
  const items = [];
  let text = '';
  for (let i = 0; ; i++) {
    items.push({ sku: `sku-${String(i).padStart(5, '0')}`, qty: (i % 7) + 1, note: 'x'.repeat(24) });
    const next = JSON.stringify({ customer: 'c_42', items });
    if (next.length > bytes) break;
    text = next;
  }
  const pad = bytes - text.length - ',"pad":""'.length;
  return pad > 0 ? `${text.slice(0, -1)},"pad":"${'p'.repeat(pad)}"}` : text;
}

function write(dir, name, value) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), `${JSON.stringify(value)}\n`);
}

/** The main folder: one endpoint per small scenario (static, param, post-body, behaviours). */
export function writeMainConfig(dir) {
  write(dir, 'api.json', [
    { name: 'static', path: STATIC_PATH, method: 'GET', response: STATIC_OBJECT },
    { name: 'param', path: PARAM_PATH, method: 'GET', response: PARAM_OBJECT },
    { name: 'post-body', path: POST_PATH, method: 'POST', status: 201, response: POST_ANSWER },
    { name: 'behaviours', path: BEHAVIOURS_PATH, method: 'GET', response: STATIC_OBJECT, failure_rate: 0, latency_ms: 0 },
  ]);
  return dir;
}

export const CRUD_PATH = '/api/items';
export const CRUD_SIZE = 10000;

/** The i-th item of the benchmark's CRUD collection (1-based ids, about the static answer's size). */
export function crudItem(i) {
  return { id: i, name: `Item ${i}`, email: `item${i}@example.com`, roles: ['editor'], active: i % 2 === 0 };
}

/** One CRUD collection of `count` items. */
export function writeCrudConfig(dir, count = CRUD_SIZE) {
  write(dir, 'items.json', [{ name: 'items', path: CRUD_PATH, crud: { seed: Array.from({ length: count }, (_, i) => crudItem(i + 1)) } }]);
  return dir;
}

/** The graphql folder: its own server, so the main config's memory figures stay those of plain endpoints. */
export function writeGraphqlConfig(dir) {
  write(dir, 'graphql.json', [
    {
      name: 'graphql',
      path: GRAPHQL_PATH,
      graphql: { schema: GRAPHQL_SDL, operations: [{ operation: 'GetUser', variables: { id: '1' }, data: GRAPHQL_FIXED_ANSWER.data }] },
    },
    { name: 'graphql-executed', path: GRAPHQL_EXECUTED_PATH, graphql: { schema: GRAPHQL_SDL, mocks: { Post: { title: 'Post {{method}}' } } } },
  ]);
  return dir;
}

/** `count` static GET endpoints spread over files of 1,000 (the way a large project splits them). */
export function writeManyRoutesConfig(dir, count) {
  const perFile = 1000;
  for (let start = 0; start < count; start += perFile) {
    const endpoints = [];
    for (let i = start; i < Math.min(count, start + perFile); i++) {
      endpoints.push({ path: manyRoutePath(i), method: 'GET', response: { ...STATIC_OBJECT, id: i } });
    }
    write(dir, `routes-${String(start / perFile).padStart(3, '0')}.json`, endpoints);
  }
  return dir;
}
