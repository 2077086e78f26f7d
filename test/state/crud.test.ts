import request from 'supertest';
import fs from 'node:fs';
import path from 'node:path';
import { createTestApp } from '../helpers/test-app';
import { tempFolder } from '../config/fixtures';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { formatIssue } from '../../src/errors/config-issue';

const users = path.join(__dirname, '../fixtures/state-crud');

async function agent(config = users) {
  const t = await createTestApp({ config });
  return { t, http: request(t.app.callback()) };
}

async function issuesOf(files: Record<string, string>): Promise<string[]> {
  const { dir, cleanup } = tempFolder(files);
  try {
    const built = await buildEndpointSet(dir, { seed: 1 });
    return built.ok ? [] : built.issues.map(formatIssue);
  } finally {
    cleanup();
  }
}

describe('a crud collection', () => {
  it('lists the seed with X-Total-Count and an ETag, and reads one item by id', async () => {
    const { http } = await agent();
    const list = await http.get('/api/users');
    expect(list.status).toBe(200);
    expect(list.body.map((u: { name: string }) => u.name)).toEqual(['Ann', 'Bob', 'Cid']);
    expect(list.headers['x-total-count']).toBe('3');
    expect(list.headers.etag).toMatch(/^"[^"]+"$/);
    const one = await http.get('/api/users/2');
    expect(one.body).toEqual({ id: 2, name: 'Bob', role: 'user', age: 27 });
    expect(one.headers.etag).toMatch(/^"[^"]+"$/);
    expect(new Date(one.headers['last-modified']).getTime()).not.toBeNaN();
    const missing = await http.get('/api/users/9');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/no item with id "9"/);
  });

  it('filters by field (repeats are OR, fields are AND), searches with q, and sorts', async () => {
    const { http } = await agent();
    const names = async (q: string) => (await http.get(`/api/users?${q}`)).body.map((u: { name: string }) => u.name);
    expect(await names('role=user')).toEqual(['Bob', 'Cid']);
    expect(await names('age=34&age=41')).toEqual(['Ann', 'Cid']);
    expect(await names('role=user&age=41')).toEqual(['Cid']);
    expect(await names('q=AN')).toEqual(['Ann']);
    expect(await names('_sort=age&_order=desc')).toEqual(['Cid', 'Ann', 'Bob']);
    expect(await names('_sort=name')).toEqual(['Ann', 'Bob', 'Cid']);
    expect((await http.get('/api/users?_sort=age&_order=up')).status).toBe(400);
    expect((await http.get('/api/users?_page=0')).status).toBe(400);
  });

  it('pages with _page and _limit and says where the other pages are in Link', async () => {
    const { http } = await agent();
    const res = await http.get('/api/users?role=user&_page=1&_limit=1');
    expect(res.body.map((u: { name: string }) => u.name)).toEqual(['Bob']);
    expect(res.headers['x-total-count']).toBe('2');
    expect(res.headers.link).toBe('</api/users?role=user&_page=1&_limit=1>; rel="first", </api/users?role=user&_page=2&_limit=1>; rel="next", </api/users?role=user&_page=2&_limit=1>; rel="last"');
    const last = await http.get('/api/users?role=user&_page=2&_limit=1');
    expect(last.headers.link).toBe('</api/users?role=user&_page=1&_limit=1>; rel="first", </api/users?role=user&_page=1&_limit=1>; rel="prev", </api/users?role=user&_page=2&_limit=1>; rel="last"');
  });

  it('creates items: the next integer id, Location, 201; an existing id is 409', async () => {
    const { http } = await agent();
    const made = await http.post('/api/users').send({ name: 'Dee' });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ name: 'Dee', id: 4 });
    expect(made.headers.location).toBe('/api/users/4');
    expect((await http.get('/api/users/4')).body).toEqual({ name: 'Dee', id: 4 });
    const own = await http.post('/api/users').send({ id: 10, name: 'Eve' });
    expect(own.headers.location).toBe('/api/users/10');
    const clash = await http.post('/api/users').send({ id: 2, name: 'Bob again' });
    expect(clash.status).toBe(409);
    expect((await http.get('/api/users/2')).body.name).toBe('Bob');
  });

  it('gives a UUID to a new item when the ids are not integers, and uses the configured id field', async () => {
    const { http } = await agent();
    const made = await http.post('/api/tags').send({ label: 'Green' });
    expect(made.status).toBe(201);
    expect(made.body.slug).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await http.get(`/api/tags/${made.body.slug}`)).body.label).toBe('Green');
    expect((await http.get('/api/tags/red')).body).toEqual({ slug: 'red', label: 'Red' });
  });

  it('replaces with PUT keeping the id, merges with PATCH (null removes a field), deletes with 204', async () => {
    const { http } = await agent();
    const put = await http.put('/api/users/1').send({ id: 99, name: 'Ann B' });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ id: 1, name: 'Ann B' });
    const patch = await http.patch('/api/users/2').set('content-type', 'application/merge-patch+json').send(JSON.stringify({ age: null, role: 'admin' }));
    expect(patch.status).toBe(200);
    expect(patch.body).toEqual({ id: 2, name: 'Bob', role: 'admin' });
    expect((await http.delete('/api/users/3')).status).toBe(204);
    expect((await http.get('/api/users/3')).status).toBe(404);
    expect((await http.delete('/api/users/3')).status).toBe(404);
    expect((await http.put('/api/users/3').send({ name: 'x' })).status).toBe(404);
    expect((await http.patch('/api/users/3').send({ name: 'x' })).status).toBe(404);
  });

  it('checks validate.body on POST and PUT, and on the merged result of a PATCH', async () => {
    const { http } = await agent();
    const post = await http.post('/api/users').send({ age: 3 });
    expect(post.status).toBe(400);
    expect(post.body.errors).toEqual([{ path: 'body/name', message: 'is required' }]);
    expect((await http.put('/api/users/1').send({ age: 3 })).status).toBe(400);
    const patch = await http.patch('/api/users/1').send({ name: null });
    expect(patch.status).toBe(400);
    expect((await http.patch('/api/users/1').send({ age: 35 })).status).toBe(200);
    expect((await http.get('/api/users/1')).body.age).toBe(35);
  });

  it('answers a stale If-Match with 412 and a current one normally; If-None-Match gets 304', async () => {
    const { http } = await agent();
    const first = await http.get('/api/users/1');
    const tag = first.headers.etag;
    expect((await http.get('/api/users/1').set('If-None-Match', tag)).status).toBe(304);
    const changed = await http.patch('/api/users/1').set('If-Match', tag).send({ age: 35 });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
    const stale = await http.put('/api/users/1').set('If-Match', tag).send({ name: 'Old' });
    expect(stale.status).toBe(412);
    expect((await http.delete('/api/users/1').set('If-Match', tag)).status).toBe(412);
    expect((await http.delete('/api/users/1').set('If-Match', changed.headers.etag)).status).toBe(204);
    const list = await http.get('/api/users');
    expect((await http.get('/api/users').set('If-None-Match', list.headers.etag)).status).toBe(304);
  });

  it('refuses bad writes with a clear 4xx, never a 500', async () => {
    const { http } = await agent();
    const text = await http.post('/api/users').set('content-type', 'text/plain').send('name=Ann');
    expect(text.status).toBe(415);
    const form = await http.post('/api/users').type('form').send({ name: 'Ann' });
    expect(form.status).toBe(415);
    expect((await http.post('/api/users').set('content-type', 'application/json').send('{"name":')).status).toBe(400);
    expect((await http.post('/api/users').set('content-type', 'application/json').send('[1,2]')).status).toBe(400);
    expect((await http.post('/api/users').set('content-type', 'application/json').send('7')).status).toBe(400);
    expect((await http.post('/api/users')).status).toBe(400);
    expect((await http.post('/api/users').send({ id: { a: 1 }, name: 'x' })).status).toBe(400);
    const wrong = await http.post('/api/users/1').send({ name: 'x' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET, HEAD, PUT, PATCH, DELETE');
    expect((await http.delete('/api/users')).status).toBe(405);
  });

  it('restores the seed on POST /__reset and on reload', async () => {
    const { http } = await agent();
    await http.delete('/api/users/1');
    await http.post('/api/users').send({ name: 'Dee' });
    await http.post('/__reset');
    expect((await http.get('/api/users')).headers['x-total-count']).toBe('3');
    await http.delete('/api/users/1');
    expect((await http.post('/__reload')).status).toBe(200);
    expect((await http.get('/api/users/1')).status).toBe(200);
  });

  it('keeps each session its own copy of the data', async () => {
    const { http } = await agent();
    await http.delete('/api/users/1').set('X-Mockdock-Session', 'a');
    expect((await http.get('/api/users/1').set('X-Mockdock-Session', 'a')).status).toBe(404);
    expect((await http.get('/api/users/1').set('X-Mockdock-Session', 'b')).status).toBe(200);
    expect((await http.get('/api/users/1')).status).toBe(200);
    expect((await http.get('/__collections/users?session=a')).body).toHaveLength(2);
    await http.post('/__reset?session=a');
    expect((await http.get('/api/users/1').set('X-Mockdock-Session', 'a')).status).toBe(200);
  });

  it('shows collections and their items under /__collections', async () => {
    const { http } = await agent();
    await http.post('/api/users').send({ name: 'Dee' });
    expect((await http.get('/__collections')).body).toEqual([
      { name: 'users', path: '/api/users', size: 4 },
      { name: 'tags', path: '/api/tags', size: 2 },
    ]);
    expect((await http.get('/__collections/tags')).body).toEqual([{ slug: 'red', label: 'Red' }, { slug: 'blue', label: 'Blue' }]);
    expect((await http.get('/__collections/nope')).status).toBe(404);
  });

  it('logs each session apart: /__logs?session= shows one session, entries carry their session', async () => {
    const { http } = await agent();
    await http.get('/api/users/1').set('X-Mockdock-Session', 'a');
    await http.get('/api/users/2').set('X-Mockdock-Session', 'b');
    await http.get('/api/users/3');
    const a = await http.get('/__logs?session=a');
    expect(a.body.map((e: { path: string; session: string }) => [e.path, e.session])).toEqual([['/api/users/1', 'a']]);
    const none = await http.get('/__logs?session=');
    expect(none.body.map((e: { path: string }) => e.path)).toEqual(['/api/users/3']);
  });

  it('refuses crud together with response, sequence or body_file, a repeated seed id, and seed with seed_file', async () => {
    expect(await issuesOf({ 'a.yaml': '- path: /u\n  crud: {}\n  response: x\n' })).toEqual([expect.stringMatching(/^a\.yaml:3:3 response cannot be combined with crud/)]);
    expect(await issuesOf({ 'a.yaml': '- path: /u\n  crud: {}\n  sequence: [{ status: 500 }]\n' })).toEqual([expect.stringMatching(/^a\.yaml:3:3 sequence cannot be combined with crud/)]);
    expect(await issuesOf({ 'a.yaml': '- path: /u\n  crud:\n    seed:\n      - { id: 1 }\n      - { id: 1 }\n' })).toEqual([expect.stringMatching(/^a\.yaml:5:9 crud\.seed\[1\] repeats id "1"/)]);
    expect(await issuesOf({ 'a.yaml': '- path: /u\n  crud:\n    seed:\n      - { name: x }\n' })).toEqual([expect.stringMatching(/crud\.seed\[0\] needs "id"/)]);
    expect(await issuesOf({ 'a.yaml': '- path: /u\n  crud: { seed: [], seed_file: x.json }\n', 'x.json': '[]' })).toEqual([expect.stringMatching(/seed_file cannot be given together with crud\.seed/)]);
    expect(await issuesOf({ 'a.yaml': '- path: /u\n  crud: { seed_file: __files/nope.json }\n' })).toEqual([expect.stringMatching(/^a\.yaml:2:\d+ crud\.seed_file "__files\/nope\.json" does not exist/)]);
  });

  it('reads seed_file from the config folder and reports a broken one at the key', async () => {
    const { dir, cleanup } = tempFolder({ 'a.yaml': '- path: /u\n  crud: { seed_file: __files/u.json }\n', '__files/u.json': '{"not": "a list"}' });
    try {
      const built = await buildEndpointSet(dir, { seed: 1 });
      expect(built.ok ? [] : built.issues.map(formatIssue)).toEqual([expect.stringMatching(/^a\.yaml:2:\d+ crud\.seed_file must hold a list/)]);
      fs.writeFileSync(path.join(dir, '__files/u.json'), '[{"id": "k1"}]');
      const t = await createTestApp({ config: dir });
      expect((await request(t.app.callback()).get('/u/k1')).body).toEqual({ id: 'k1' });
    } finally {
      cleanup();
    }
  });

  it('serves a collection below a path with its own :id, and names the item route :id otherwise', async () => {
    const { dir, cleanup } = tempFolder({
      'a.yaml': '- { path: /orgs/:id/users, crud: { seed: [{ id: 1, name: Ann }] } }\n- { path: /teams, crud: { seed: [] } }\n',
    });
    try {
      const { http } = await agent(dir);
      expect((await http.get('/orgs/7/users/1')).body).toEqual({ id: 1, name: 'Ann' });
      const miss = await http.get('/teams/1/x');
      expect(miss.body.closest.map((c: { path: string }) => c.path)).toContain('/teams/:id');
    } finally {
      cleanup();
    }
  });
});
