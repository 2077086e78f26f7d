/** `handler: NAME` endpoints: answered by plugin code, with params, the session's state and the endpoint's behaviours. */
import request from 'supertest';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { buildOptions, capturingLogger, configFolder, pluginApp } from './harness';

const CART = `
export default {
  name: 'cart',
  handlers: {
    async addItem(req, ctx) {
      const count = await ctx.state.increment('items');
      const last = await ctx.state.get('last');
      await ctx.state.set('last', req.params.sku);
      ctx.log.info('item added', { sku: req.params.sku });
      return { status: 201, headers: { 'X-Count': count }, body: { sku: req.params.sku, count, previous: last ?? null, endpoint: ctx.endpoint, session: req.session } };
    },
    roll(req, ctx) {
      return { body: { roll: ctx.random() } };
    },
  },
};
`;

const ENDPOINTS = `
- name: add-item
  method: POST
  path: /cart/:sku
  handler: addItem
- name: limited
  path: /limited
  handler: roll
  rate_limit: { limit: 1, window_s: 60 }
- name: checked
  method: POST
  path: /checked
  handler: roll
  validate: { body: { type: object, required: [qty] } }
`;

describe('handler endpoints', () => {
  const dir = configFolder({ 'mockdock.yaml': 'plugins: [plugins/cart.mjs]\n', 'plugins/cart.mjs': CART, 'cart.yaml': ENDPOINTS });

  it('answers with the handler, which keeps state across requests and reads the path params', async () => {
    const { app, logger, log } = await pluginApp(dir);
    const first = await request(app.callback()).post('/cart/apple').expect(201);
    expect(first.body).toEqual({ sku: 'apple', count: 1, previous: null, endpoint: { name: 'add-item', method: 'POST', path: '/cart/:sku' }, session: null });
    const second = await request(app.callback()).post('/cart/pear').expect(201);
    expect(second.body).toMatchObject({ sku: 'pear', count: 2, previous: 'apple' });
    expect(second.headers['x-count']).toBe('2');
    expect(logger.lines).toContainEqual({ level: 'info', fields: { sku: 'pear', plugin: 'cart' }, message: 'item added' });
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'info', message: 'plugins loaded: cart' }));
    const entry = log.query({ endpoint: 'add-item' })[0];
    expect(entry).toMatchObject({ method: 'POST', path: '/cart/pear', endpoint: 'add-item', status: 201 });
  });

  it('keeps each session its own state', async () => {
    const { app } = await pluginApp(dir);
    await request(app.callback()).post('/cart/a').set('X-Mockdock-Session', 's1').expect(201);
    const other = await request(app.callback()).post('/cart/b').set('X-Mockdock-Session', 's2').expect(201);
    expect(other.body).toMatchObject({ count: 1, previous: null, session: 's2' });
  });

  it('gives the same random numbers for the same seed', async () => {
    const one = await pluginApp(dir);
    const two = await pluginApp(dir);
    const a = await request(one.app.callback()).post('/checked').send({ qty: 1 }).expect(200);
    const b = await request(two.app.callback()).post('/checked').send({ qty: 1 }).expect(200);
    expect(a.body.roll).toBe(b.body.roll);
    expect(a.body.roll).toBeGreaterThanOrEqual(0);
  });

  it('applies the endpoint behaviours first: rate_limit and validate answer before the handler runs', async () => {
    const { app } = await pluginApp(dir);
    await request(app.callback()).get('/limited').expect(200);
    await request(app.callback()).get('/limited').expect(429);
    const bad = await request(app.callback()).post('/checked').send({}).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/qty/);
  });

  it('refuses a handler no plugin has at the endpoint line, with a suggestion', async () => {
    const broken = configFolder({ 'mockdock.yaml': 'plugins: [plugins/cart.mjs]\n', 'plugins/cart.mjs': CART, 'cart.yaml': '- path: /x\n  handler: addItme\n' });
    const built = await buildEndpointSet(broken, buildOptions(capturingLogger()));
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.issues).toEqual([expect.objectContaining({ file: 'cart.yaml', line: 2, code: 'E_CONFIG_PLUGIN', message: expect.stringContaining('did you mean "addItem"?') })]);
  });

  it('refuses a handler endpoint when no plugin is loaded, naming the flag', async () => {
    const none = configFolder({ 'cart.yaml': '- path: /x\n  handler: addItem\n' });
    const built = await buildEndpointSet(none, buildOptions(capturingLogger()));
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.issues[0]).toMatchObject({ file: 'cart.yaml', line: 2, message: expect.stringContaining('--allow-plugins') });
  });
});
