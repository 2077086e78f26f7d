/** A throwing, rejecting or slow plugin answers 500 naming it for that request only, with a log line; the next request is fine. */
import request from 'supertest';
import { configFolder, pluginApp } from './harness';

const MOODY = `
let calls = 0;
export default {
  name: 'moody',
  onRequest(req) {
    if (req.path === '/hook-throws') throw new Error('hook broke');
  },
  async onResponse(req, res) {
    if (req.path === '/fine' && req.query.spoil === '1') throw new Error('spoiled');
  },
  handlers: {
    throws() { throw new Error('boom'); },
    rejects() { return Promise.reject(new TypeError('no way')); },
    slow() { return new Promise((resolve) => setTimeout(() => resolve({ body: 'too late' }), 2000).unref()); },
    flaky() { calls += 1; if (calls === 1) throw new Error('first call fails'); return { body: { calls } }; },
    badAnswer() { return 42; },
  },
};
`;

const ENDPOINTS = ['throws', 'rejects', 'slow', 'flaky', 'badAnswer'].map((h) => `- path: /${h}\n  handler: ${h}\n`).join('') + '- path: /fine\n  response: { ok: true }\n- path: /hook-throws\n  response: { ok: true }\n';

describe('failing plugins', () => {
  const dir = configFolder({ 'mockdock.yaml': 'plugins: [plugins/moody.mjs]\n', 'plugins/moody.mjs': MOODY, 'moody.yaml': ENDPOINTS });

  it.each([
    ['/throws', 'handler throws threw: boom'],
    ['/rejects', 'handler rejects failed: no way'],
    ['/hook-throws', 'onRequest threw: hook broke'],
    ['/badAnswer', 'handler badAnswer gave number, not an answer {status?, headers?, body?}'],
    ['/fine?spoil=1', 'onResponse failed: spoiled'],
  ])('%s answers 500 naming the plugin, logs it, and the next request is served', async (path, error) => {
    const { app, logger, log } = await pluginApp(dir);
    const res = await request(app.callback()).get(path).expect(500);
    expect(res.body).toEqual({ error, plugin: 'moody' });
    expect(log.query()[0]).toMatchObject({ status: 500, plugin_error: 'moody' });
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', fields: expect.objectContaining({ plugin: 'moody', path: path.split('?')[0] }) }));
    await request(app.callback()).get('/fine').expect(200, { ok: true });
  });

  it('a handler slower than the plugin timeout answers 500 when the time is up', async () => {
    const { app } = await pluginApp(dir, { timeoutMs: 100 });
    const started = performance.now();
    const res = await request(app.callback()).get('/slow').expect(500);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(res.body).toEqual({ error: 'handler slow took longer than 100 ms', plugin: 'moody' });
    await request(app.callback()).get('/fine').expect(200);
  });

  it('a handler that failed once answers normally on the next request', async () => {
    const { app } = await pluginApp(dir);
    await request(app.callback()).get('/flaky').expect(500);
    await request(app.callback()).get('/flaky').expect(200, { calls: 2 });
  });
});
