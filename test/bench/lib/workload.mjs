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
