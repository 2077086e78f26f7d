/** Plugin hooks: onRequest before matching (rewrite, answer), onResponse on every mock answer. */
import request from 'supertest';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { handleRequest } from '../../src/engine/handle-request';
import { buildOptions, capturingLogger, configFolder, pluginApp } from './harness';

const ENDPOINTS = `
- name: v2-orders
  path: /v2/orders/:id
  response: { id: "{{params.id}}", version: 2 }
- name: beta-only
  path: /beta
  match: { headers: { x-beta: "on" } }
  response: { beta: true }
- name: plain-text
  path: /text
  headers: { Content-Type: text/plain }
  response: hello
`;

const REWRITE = `
export default {
  name: 'rewrite',
  onRequest(req) {
    if (req.path.startsWith('/v1/')) req.path = req.path.replace('/v1/', '/v2/');
    if (req.query.beta === '1') req.headers['X-Beta'] = 'on';
    if (req.path === '/ping') return { status: 202, headers: { 'x-answered-by': 'rewrite' }, body: { pong: true, session: req.session } };
    if (req.path === '/later') return Promise.resolve({ body: 'answered later' });
  },
};
`;

const DECORATE = `
export default {
  name: 'decorate',
  async onResponse(req, res, ctx) {
    res.headers['x-plugin'] = 'decorate';
    if (res.body && typeof res.body === 'object') res.body.decorated = ctx.endpoint ? ctx.endpoint.name : 'none';
    if (req.path === '/text') return { status: 200, body: res.body.toUpperCase() };
  },
};
`;

describe('plugin hooks', () => {
  const dir = configFolder({
    'mockdock.yaml': 'plugins: [plugins/rewrite.mjs, plugins/decorate.mjs]\n',
    'plugins/rewrite.mjs': REWRITE,
    'plugins/decorate.mjs': DECORATE,
    'endpoints.yaml': ENDPOINTS,
  });

  it('onRequest rewriting the path sends the request to the endpoint of the new path', async () => {
    const { app, log } = await pluginApp(dir);
    const res = await request(app.callback()).get('/v1/orders/7').expect(200);
    expect(res.body).toEqual({ id: '7', version: 2, decorated: 'v2-orders' });
    expect(log.query()[0]).toMatchObject({ path: '/v2/orders/7', endpoint: 'v2-orders', status: 200 });
  });

  it('a header onRequest adds takes part in matching, whatever its spelling', async () => {
    const { app } = await pluginApp(dir);
    await request(app.callback()).get('/beta').expect(404);
    const res = await request(app.callback()).get('/beta?beta=1').expect(200);
    expect(res.body).toEqual({ beta: true, decorated: 'beta-only' });
  });

  it('an answer onRequest returns answers the request, synchronously or later, and onResponse still sees it', async () => {
    const { app, log } = await pluginApp(dir);
    const res = await request(app.callback()).get('/ping').set('X-Mockdock-Session', 't1').expect(202);
    expect(res.headers['x-answered-by']).toBe('rewrite');
    expect(res.headers['x-plugin']).toBe('decorate');
    expect(res.body).toEqual({ pong: true, session: 't1', decorated: 'none' });
    const later = await request(app.callback()).get('/later').expect(200);
    expect(later.text).toBe('answered later');
    expect(later.headers['content-type']).toMatch(/^text\/plain/);
    expect(log.query().map((e) => [e.path, e.status])).toEqual(expect.arrayContaining([['/ping', 202], ['/later', 200]]));
  });

  it('onResponse adds a header and changes a JSON body in place, with a Content-Length that fits', async () => {
    const { app } = await pluginApp(dir);
    const res = await request(app.callback()).get('/v2/orders/9').expect(200);
    expect(res.headers['x-plugin']).toBe('decorate');
    expect(res.body).toEqual({ id: '9', version: 2, decorated: 'v2-orders' });
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
  });

  it('onResponse sees a text body as a string and may return a new answer', async () => {
    const { app } = await pluginApp(dir);
    const res = await request(app.callback()).get('/text').expect(200);
    expect(res.text).toBe('HELLO');
  });

  it('onResponse decorates the 404 of a request no endpoint matches too', async () => {
    const { app } = await pluginApp(dir);
    const res = await request(app.callback()).get('/nowhere').expect(404);
    expect(res.headers['x-plugin']).toBe('decorate');
    expect(res.body.decorated).toBe('none');
  });

  it('a no-op onRequest answering synchronously keeps the request on the synchronous path', async () => {
    const noop = configFolder({
      'mockdock.yaml': 'plugins: [plugins/noop.mjs]\n',
      'plugins/noop.mjs': "export default { name: 'noop', onRequest() {} };\n",
      'a.yaml': '- path: /static\n  response: { ok: true }\n',
    });
    const built = await buildEndpointSet(noop, buildOptions(capturingLogger()));
    if (!built.ok) throw new Error('config is invalid');
    const req = { method: 'GET', path: '/static', query: {}, headers: {}, body: undefined, ip: '127.0.0.1' };
    const plan = handleRequest(built.set, req, Date.now());
    expect(plan).not.toBeInstanceOf(Promise);
    expect((plan as { status: number }).status).toBe(200);
  });
});

describe('a plugin with both hooks', () => {
  const dir = configFolder({
    'mockdock.yaml': 'plugins: [plugins/dice.mjs]\n',
    'plugins/dice.mjs': `
export default {
  name: 'dice',
  onRequest(req, ctx) { req.headers['x-first'] = String(ctx.random()); },
  onResponse(req, res, ctx) { res.headers['x-first'] = req.headers['x-first']; res.headers['x-second'] = String(ctx.random()); },
};
`,
    'endpoints.yaml': '- { path: /roll, response: ok }\n',
  });

  it('draws one stream of random numbers across its hooks, not the same numbers in each', async () => {
    const { app } = await pluginApp(dir);
    const res = await request(app.callback()).get('/roll').expect(200);
    expect(res.headers['x-first']).toMatch(/^0\.\d+/);
    expect(res.headers['x-second']).toMatch(/^0\.\d+/);
    expect(res.headers['x-second']).not.toBe(res.headers['x-first']);
  });
});
