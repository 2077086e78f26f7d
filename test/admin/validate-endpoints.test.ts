import request from 'supertest';
import path from 'node:path';
import { createTestApp } from '../helpers/test-app';

const fixture = path.join(__dirname, '../fixtures/server-basic');

describe('POST /__endpoints/validate', () => {
  it('reports every problem of YAML text at its line and column, and adds nothing', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    const before = (await agent.get('/__endpoints')).body.length;
    const yaml = 'name: greeting\npath: /greeting\nresponse: { hi: there }\nstauts: 201\n';
    const res = await agent.post('/__endpoints/validate').set('content-type', 'application/yaml').send(yaml);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ problems: [{ line: 4, column: 1, message: 'unknown key "stauts" (did you mean "status"?)', code: 'E_CONFIG_SCHEMA', pointer: '/stauts' }] });
    expect((await agent.get('/__endpoints')).body.length).toBe(before);
    expect((await agent.get('/greeting')).status).toBe(404);
  });

  it('answers no problems for a good endpoint, still adding nothing', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    const res = await agent.post('/__endpoints/validate').send({ name: 'greeting', path: '/greeting', response: 'hi' });
    expect(res.body).toEqual({ problems: [] });
    expect((await agent.get('/greeting')).status).toBe(404);
  });

  it('finds what only compiling shows, such as a broken template, at its line', async () => {
    const t = await createTestApp({ config: fixture });
    const yaml = '- path: /a\n  response: ok\n- path: /b\n  response: "{{#if query.x}}open"\n';
    const res = await request(t.app.callback()).post('/__endpoints/validate').set('content-type', 'application/yaml').send(yaml);
    expect(res.body.problems).toEqual([expect.objectContaining({ line: 4 })]);
  });

  it('flags a name already in force, unless it is the endpoint being replaced (?replacing=NAME)', async () => {
    const t = await createTestApp({ config: fixture });
    const agent = request(t.app.callback());
    await agent.post('/__endpoints').send({ name: 'mine', path: '/mine', response: 'v1' });
    const sent = { name: 'mine', path: '/mine', response: 'v2' };
    const clash = await agent.post('/__endpoints/validate').send(sent);
    expect(clash.body.problems).toEqual([expect.objectContaining({ code: 'E_CONFIG_DUPLICATE_NAME', line: 1 })]);
    expect((await agent.post('/__endpoints/validate?replacing=mine').send(sent)).body).toEqual({ problems: [] });
  });

  it('wants a body, with a clear 400', async () => {
    const t = await createTestApp({ config: fixture });
    const res = await request(t.app.callback()).post('/__endpoints/validate').set('content-type', 'application/yaml').send('');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/application\/yaml/);
  });
});
