import request from 'supertest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp } from '../helpers/test-app';

const fixture = path.join(__dirname, '../fixtures/server-basic');

function copyFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-runtime-'));
  fs.cpSync(fixture, dir, { recursive: true });
  return dir;
}

describe('runtime endpoints through the admin API', () => {
  it('adds one endpoint that answers at once and is listed with source runtime', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    const created = await agent.post('/__endpoints').send({ path: '/rt/hello', response: { hi: '{{query.who}}' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual([expect.objectContaining({ name: 'GET /rt/hello', path: '/rt/hello', method: 'GET', source: 'runtime' })]);
    expect((await agent.get('/rt/hello?who=Ada')).body).toEqual({ hi: 'Ada' });
    const list = (await agent.get('/__endpoints')).body as Array<Record<string, unknown>>;
    expect(list.find((e) => e.name === 'GET /rt/hello')).toMatchObject({ source: 'runtime' });
    expect(list.find((e) => e.name === 'GET /rt/hello')).not.toHaveProperty('file');
    expect(list.find((e) => e.name === 'open-orders')).toMatchObject({ source: 'file', file: 'api.yaml', line: expect.any(Number) });
  });

  it('adds a list given as YAML, with the file shape of defaults and endpoints', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    const yaml = 'defaults:\n  status: 202\nendpoints:\n  - path: /rt/a\n    response: a\n  - name: b\n    path: /rt/b\n    response: b\n';
    const created = await agent.post('/__endpoints').set('content-type', 'application/yaml').send(yaml);
    expect(created.status).toBe(201);
    expect(created.body.map((e: { name: string }) => e.name)).toEqual(['GET /rt/a', 'b']);
    const b = await agent.get('/rt/b');
    expect([b.status, b.text]).toEqual([202, 'b']);
  });

  it('refuses a list with problems with every problem at its line and adds none of it', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    const yaml = ['- path: /rt/ok', '  response: fine', '- path: /rt/bad', '  stauts: 200', '- path: /rt/worse', '  response: "{{#if}}"', ''].join('\n');
    const res = await agent.post('/__endpoints').set('content-type', 'application/yaml').send(yaml);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining('stauts') })]);
    expect((await agent.get('/rt/ok')).status).toBe(404);
    expect(t.registry.current.endpoints).toHaveLength(6);

    const fixed = yaml.replace('stauts', 'status');
    const compiled = await agent.post('/__endpoints').set('content-type', 'application/yaml').send(fixed);
    expect(compiled.status).toBe(400);
    expect(compiled.body.errors[0]).toMatchObject({ file: 'request.yaml', line: 6 });
    expect((await agent.get('/rt/ok')).status).toBe(404);
  });

  it('refuses a name a file endpoint already has', async () => {
    const t = await createTestApp({ config: fixture });
    const res = await request(t.app.callback()).post('/__endpoints').send({ name: 'open-orders', path: '/rt/x', response: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 'E_CONFIG_DUPLICATE_NAME', pointer: '/name' });
  });

  it('keeps runtime endpoints across a reload of the files', async () => {
    const dir = copyFixture();
    const t = await createTestApp({ config: dir });
    const agent = request(t.app.callback());
    await agent.post('/__endpoints').send({ name: 'kept', path: '/rt/kept', response: 'still here' });
    fs.appendFileSync(path.join(dir, 'api.yaml'), '  - path: /api/new\n    response: new\n');
    expect((await agent.post('/__reload')).body.endpoints).toBe(8);
    expect((await agent.get('/rt/kept')).text).toBe('still here');
    expect((await agent.get('/api/new')).text).toBe('new');
  });

  it('replaces a runtime endpoint by name, and removes it', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    await agent.post('/__endpoints').send({ path: '/rt/item', response: 'first' });
    const name = encodeURIComponent('GET /rt/item');
    const put = await agent.put(`/__endpoints/${name}`).send({ path: '/rt/item', response: 'second' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'GET /rt/item', response: 'second', source: 'runtime' });
    expect((await agent.get('/rt/item')).text).toBe('second');
    expect((await agent.delete(`/__endpoints/${name}`)).status).toBe(204);
    expect((await agent.get('/rt/item')).status).toBe(404);
    expect((await agent.delete(`/__endpoints/${name}`)).status).toBe(404);
  });

  it('answers 409 for a file endpoint, which is edited in its file', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    expect((await agent.put('/__endpoints/open-orders').send({ path: '/x', response: 1 })).status).toBe(409);
    expect((await agent.delete('/__endpoints/open-orders')).status).toBe(409);
    expect((await agent.get('/api/orders?status=open')).status).toBe(200);
  });

  it('saves runtime endpoints into a file of the config folder, after which they are file endpoints', async () => {
    const dir = copyFixture();
    const t = await createTestApp({ config: dir });
    const agent = request(t.app.callback());
    await agent.post('/__endpoints').send([{ name: 'saved', path: '/rt/saved', status: 201, response: { ok: true } }]);
    const saved = await agent.post('/__endpoints/save').send({ file: 'runtime.yaml' });
    expect(saved.status).toBe(200);
    expect(fs.readFileSync(path.join(dir, 'runtime.yaml'), 'utf8')).toContain('path: /rt/saved');
    const listed = ((await agent.get('/__endpoints')).body as Array<Record<string, unknown>>).find((e) => e.name === 'saved');
    expect(listed).toMatchObject({ source: 'file', file: 'runtime.yaml', line: expect.any(Number) });
    expect((await agent.get('/rt/saved')).status).toBe(201);
    expect((await agent.delete('/__endpoints/saved')).status).toBe(409);
    expect((await agent.post('/__endpoints/save').send({ file: 'runtime.yaml' })).status).toBe(400);
  });

  it('answers 409 on save when the config is a single file rather than a folder', async () => {
    const dir = copyFixture();
    const t = await createTestApp({ config: path.join(dir, 'api.yaml') });
    const agent = request(t.app.callback());
    await agent.post('/__endpoints').send({ path: '/rt/single', response: 1 });
    const res = await agent.post('/__endpoints/save').send({ file: 'runtime.yaml' });
    expect(res.status).toBe(409);
    expect(fs.existsSync(path.join(dir, 'runtime.yaml'))).toBe(false);
  });

  it('refuses a save path outside the config folder', async () => {
    const t = await createTestApp({ config: fixture });
    const res = await request(t.app.callback()).post('/__endpoints/save').send({ file: '../escape.yaml' });
    expect(res.status).toBe(400);
  });

  it('keeps the endpoint routes behind the admin token', async () => {
    const t = await createTestApp({ config: fixture, adminToken: 's3cret' });
    const agent = request(t.app.callback());
    expect((await agent.post('/__endpoints').send({ path: '/rt/t', response: 1 })).status).toBe(401);
    expect((await agent.post('/__endpoints').set('authorization', 'Bearer s3cret').send({ path: '/rt/t', response: 1 })).status).toBe(201);
  });
});
