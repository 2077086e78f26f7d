import request from 'supertest';
import path from 'node:path';
import { createTestApp } from '../helpers/test-app';
import { tempFolder } from '../config/fixtures';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { formatIssue } from '../../src/errors/config-issue';

const checkout = path.join(__dirname, '../fixtures/state-checkout');

async function agent() {
  const t = await createTestApp({ config: checkout });
  return { t, http: request(t.app.callback()) };
}

describe('scenarios', () => {
  it('walks the checkout flow: each step is answered by the endpoint of the current state', async () => {
    const { http } = await agent();
    expect((await http.get('/cart')).body).toEqual({ items: [] });
    expect((await http.post('/cart/items')).status).toBe(201);
    expect((await http.get('/cart')).body).toEqual({ items: [{ sku: 'A1' }] });
    expect((await http.post('/cart/pay')).body).toEqual({ paid: true });
    expect((await http.get('/cart')).body).toEqual({ items: [], paid: true });
  });

  it('names the scenario state in the 404 of a request whose endpoint waits for another state', async () => {
    const { http } = await agent();
    const res = await http.post('/cart/pay');
    expect(res.status).toBe(404);
    expect(res.body.closest[0]).toMatchObject({ path: '/cart/pay', reasons: ['scenario "checkout" is in state "started", not "filled"'] });
  });

  it('lists scenarios with their state and every state the endpoints name', async () => {
    const { http } = await agent();
    await http.post('/cart/items');
    const res = await http.get('/__scenarios');
    expect(res.body).toEqual([{ name: 'checkout', state: 'filled', states: ['started', 'filled', 'paid'] }]);
  });

  it('sets a state through PUT /__scenarios/NAME, and refuses a state no endpoint names or an unknown scenario', async () => {
    const { http } = await agent();
    const set = await http.put('/__scenarios/checkout').send({ state: 'paid' });
    expect(set.status).toBe(200);
    expect((await http.get('/cart')).body).toEqual({ items: [], paid: true });
    const bad = await http.put('/__scenarios/checkout').send({ state: 'shipped' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'scenario "checkout" has no state "shipped": no endpoint names it', states: ['started', 'filled', 'paid'] });
    expect((await http.put('/__scenarios/checkout').send({})).status).toBe(400);
    expect((await http.put('/__scenarios/nope').send({ state: 'started' })).status).toBe(404);
  });

  it('puts every scenario back to started on POST /__reset', async () => {
    const { http } = await agent();
    await http.post('/cart/items');
    await http.post('/__reset');
    expect((await http.get('/cart')).body).toEqual({ items: [] });
  });

  it('keeps one state per session: a session walks on its own and its reset leaves the others alone', async () => {
    const { http } = await agent();
    await http.post('/cart/items').set('X-Mockdock-Session', 'a');
    expect((await http.get('/cart').set('X-Mockdock-Session', 'a')).body).toEqual({ items: [{ sku: 'A1' }] });
    expect((await http.get('/cart').set('X-Mockdock-Session', 'b')).body).toEqual({ items: [] });
    expect((await http.get('/cart')).body).toEqual({ items: [] });
    await http.post('/cart/items');
    await http.post('/__reset?session=a');
    expect((await http.get('/cart').set('X-Mockdock-Session', 'a')).body).toEqual({ items: [] });
    expect((await http.get('/cart')).body).toEqual({ items: [{ sku: 'A1' }] });
    expect((await http.get('/__scenarios?session=a')).body[0].state).toBe('started');
    await http.put('/__scenarios/checkout?session=c').send({ state: 'paid' });
    expect((await http.get('/cart').set('X-Mockdock-Session', 'c')).body).toEqual({ items: [], paid: true });
    expect((await http.get('/cart').set('X-Mockdock-Session', 'b')).body).toEqual({ items: [] });
  });

  it('does not move the scenario when a behaviour refuses the request (here a validation 400)', async () => {
    const { dir, cleanup } = tempFolder({
      'flow.yaml': [
        '- { path: /pay, method: POST, scenario: s, set_state: paid, validate: { body: { type: object, required: [card] } }, response: { ok: true } }',
        '- { path: /status, scenario: s, when_state: paid, response: paid }',
        '- { path: /status, scenario: s, when_state: started, response: unpaid }',
      ].join('\n'),
    });
    try {
      const t = await createTestApp({ config: dir });
      const http = request(t.app.callback());
      expect((await http.post('/pay').send({})).status).toBe(400);
      expect((await http.get('/status')).text).toBe('unpaid');
      expect((await http.post('/pay').send({ card: 'x' })).status).toBe(200);
      expect((await http.get('/status')).text).toBe('paid');
    } finally {
      cleanup();
    }
  });

  it('does not move the scenario when a fault cuts the answer off', async () => {
    const { dir, cleanup } = tempFolder({
      'flow.yaml': [
        '- { path: /pay, method: POST, scenario: s, set_state: paid, every: 1, failure: { kind: reset }, response: { ok: true } }',
        '- { path: /status, scenario: s, when_state: paid, response: paid }',
        '- { path: /status, scenario: s, when_state: started, response: unpaid }',
      ].join('\n'),
    });
    try {
      const t = await createTestApp({ config: dir });
      const http = request(t.app.callback());
      await expect(http.post('/pay')).rejects.toThrow(/socket hang up|ECONNRESET/);
      expect((await http.get('/status')).text).toBe('unpaid');
    } finally {
      cleanup();
    }
  });

  it('warns, with file and line, about a when_state no endpoint leads to, and still loads', async () => {
    const { dir, cleanup } = tempFolder({
      'a.yaml': ['- path: /x', '  scenario: s', '  when_state: ghost', '  response: x', '- { path: /y, scenario: t, when_state: later }'].join('\n'),
    });
    try {
      const built = await buildEndpointSet(dir, { seed: 1 });
      expect(built.ok).toBe(true);
      if (!built.ok) return;
      expect(built.set.warnings.map(formatIssue)).toEqual([
        'a.yaml:3:3 when_state "ghost" is never reached: no endpoint moves scenario "s" (none has set_state), so only PUT /__scenarios/s gets there',
        'a.yaml:5:28 when_state "later" is never reached: no endpoint moves scenario "t" (none has set_state), so only PUT /__scenarios/t gets there',
      ]);
      const t = await createTestApp({ config: dir });
      const reload = await request(t.app.callback()).post('/__reload');
      expect(reload.status).toBe(200);
      expect(reload.body.warnings).toHaveLength(2);
      expect(reload.body.warnings[0]).toMatchObject({ file: 'a.yaml', line: 3, code: 'E_CONFIG_SCENARIO' });
    } finally {
      cleanup();
    }
  });

  it('refuses when_state or set_state without a scenario, at the key', async () => {
    const { dir, cleanup } = tempFolder({ 'a.yaml': '- path: /x\n  set_state: done\n' });
    try {
      const built = await buildEndpointSet(dir, { seed: 1 });
      expect(built.ok).toBe(false);
      if (built.ok) return;
      expect(built.issues.map(formatIssue)).toEqual([expect.stringMatching(/^a\.yaml:2:\d+ set_state needs scenario/)]);
    } finally {
      cleanup();
    }
  });
});
