import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { tempFolder } from '../config/fixtures';
import type { WebhookServiceOptions } from '../../src/webhooks/webhook-service';
import { cleanups, closeAfterEach, deadUrl, receiver } from './support';

closeAfterEach();

async function app(yaml: string, webhooks: WebhookServiceOptions = {}): Promise<TestApp & { dir: string }> {
  const folder = tempFolder({ 'api.yaml': yaml });
  cleanups.push(folder.cleanup);
  const t = await createTestApp({ config: folder.dir, webhooks: { backoff: { baseMs: 5, maxMs: 20 }, ...webhooks } });
  cleanups.push(() => t.close());
  return { ...t, dir: folder.dir };
}

/** Resolves once the log holds `n` outgoing entries. */
function outgoing(t: TestApp, n: number): Promise<Array<Record<string, unknown>>> {
  const read = () => t.log.query({ direction: 'outgoing' }) as unknown as Array<Record<string, unknown>>;
  if (read().length >= n) return Promise.resolve(read());
  return new Promise((resolve) => {
    const check = () => {
      if (read().length < n) return;
      t.log.off('entry', check);
      resolve(read());
    };
    t.log.on('entry', check);
  });
}

const ORDERS = (url: string, extra = '') => `
- path: /api/orders
  method: POST
  name: create-order
  status: 202
  response: { id: "{{body.id}}", status: pending }
  webhooks:
    - url: "${url}/hooks/{{body.id}}"
      headers: { X-Signature: "{{hmac_sha256 'whsec' body}}" }
      body: { order: "{{body.id}}", status: paid }
${extra}`;

describe('webhooks on an endpoint', () => {
  it('answers the request, then calls the receiver back; the call is logged as outgoing and counted', async () => {
    const r = await receiver();
    const t = await app(ORDERS(r.url));
    const res = await request(t.app.callback()).post('/api/orders').set('X-Mockdock-Session', 's1').send({ id: 'o-9' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: 'o-9', status: 'pending' });
    const [got] = await r.waitFor(1);
    expect(got.url).toBe('/hooks/o-9');
    expect(JSON.parse(got.body)).toEqual({ order: 'o-9', status: 'paid' });

    const [entry] = await outgoing(t, 1);
    expect(entry).toMatchObject({
      direction: 'outgoing', method: 'POST', path: '/hooks/o-9', target: `${r.url}/hooks/o-9`, endpoint: 'create-order',
      status: 204, attempt: 1, result: 'success', session: 's1', body: { order: 'o-9', status: 'paid' },
    });
    expect((entry.headers as Record<string, string>)['x-signature']).toMatch(/^[0-9a-f]{64}$/);

    const logs = await request(t.app.callback()).get('/__logs?direction=outgoing');
    expect(logs.body).toHaveLength(1);
    const incoming = await request(t.app.callback()).get('/__logs?direction=incoming');
    expect(incoming.body.map((e: { path: string; status: number }) => [e.path, e.status])).toEqual([['/api/orders', 202]]);
    const metrics = await request(t.app.callback()).get('/metrics');
    expect(metrics.text).toContain('mockdock_webhooks_total{endpoint="create-order",result="success"} 1');
  });

  it('leaves the triggering request unaffected when the receiver is down, and logs every attempt with its error', async () => {
    const url = await deadUrl();
    const t = await app(ORDERS(url).replace('body: { order', 'retries: 1\n      body: { order'));
    const res = await request(t.app.callback()).post('/api/orders').send({ id: 'o-1' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: 'o-1', status: 'pending' });
    const entries = await outgoing(t, 2);
    expect(entries.map((e) => [e.attempt, e.result, e.status])).toEqual([[2, 'network_error', 'network_error'], [1, 'network_error', 'network_error']]);
    expect(entries[0].error).toMatch(/ECONNREFUSED/);
    const metrics = await request(t.app.callback()).get('/metrics');
    expect(metrics.text).toContain('mockdock_webhooks_total{endpoint="create-order",result="network_error"} 2');
  });

  it('never delays the answer: the request is answered while the receiver still holds the callback', async () => {
    const r = await receiver(() => 'hang');
    const t = await app(ORDERS(r.url));
    const res = await request(t.app.callback()).post('/api/orders').send({ id: 'o-2' });
    expect(res.status).toBe(202);
    await r.waitFor(1);
    expect(t.webhooks.pending).toBe(1); // still waiting for the receiver's answer
  });

  it('sends no webhook for an early answer (429) or an injected failure', async () => {
    const r = await receiver();
    const t = await app(
      `${ORDERS(r.url, '  rate_limit: { limit: 1, window_s: 60 }')}
- path: /api/broken
  method: POST
  failure_rate: 1
  webhooks: [{ url: "${r.url}/hooks/broken" }]
- path: /api/marker
  method: POST
  webhooks: [{ url: "${r.url}/hooks/marker" }]
`,
      { concurrency: 1 },
    );
    const agent = request(t.app.callback());
    expect((await agent.post('/api/orders').send({ id: 'a' })).status).toBe(202);
    expect((await agent.post('/api/orders').send({ id: 'b' })).status).toBe(429);
    expect((await agent.post('/api/broken').send({})).status).toBe(500);
    expect((await agent.post('/api/marker').send({})).status).toBe(200);
    // One at a time, in the order they were queued: had the 429 or the 500 sent one, it would come before the marker.
    const got = await r.waitFor(2);
    expect(got.map((x) => x.url)).toEqual(['/hooks/a', '/hooks/marker']);
  });

  it('sends none when a fault keeps the answer from the client, and sends after a slow_body answer has arrived', async () => {
    const r = await receiver();
    const t = await app(
      `
- { path: /empty, method: POST, failure_rate: 1, failure: { kind: empty }, webhooks: [{ url: "${r.url}/hooks/empty" }] }
- { path: /slow, method: POST, failure_rate: 1, failure: { kind: slow_body, duration_ms: 30 }, response: { ok: true }, webhooks: [{ url: "${r.url}/hooks/slow" }] }
`,
      { concurrency: 1 },
    );
    await expect(request(t.app.callback()).post('/empty').send({})).rejects.toThrow(/socket hang up|ECONNRESET/);
    const slow = await request(t.app.callback()).post('/slow').send({});
    expect(slow.body).toEqual({ ok: true });
    const got = await r.waitFor(1);
    expect(got.map((x) => x.url)).toEqual(['/hooks/slow']);
  });

  it('logs a url that request data points at an admin route as refused, without sending it', async () => {
    const t = await app(`
- path: /api/subscribe
  method: POST
  webhooks: [{ url: "{{body.callback}}" }]
`);
    const res = await request(t.app.callback()).post('/api/subscribe').send({ callback: 'http://127.0.0.1:1/__reset' });
    expect(res.status).toBe(200);
    const [entry] = await outgoing(t, 1);
    expect(entry).toMatchObject({ result: 'refused', status: 'refused', target: 'http://127.0.0.1:1/__reset', path: '/__reset' });
    expect(entry.error).toMatch(/must not target mockdock's own admin routes/);
  });

  it('sends the webhooks of the config in force after a reload', async () => {
    const r = await receiver();
    const t = await app(ORDERS(r.url));
    fs.writeFileSync(path.join(t.dir, 'api.yaml'), ORDERS(r.url).replace('/hooks/{{body.id}}', '/v2/hooks/{{body.id}}'));
    expect((await request(t.app.callback()).post('/__reload')).status).toBe(200);
    expect((await request(t.app.callback()).post('/api/orders').send({ id: 'o-3' })).status).toBe(202);
    const [got] = await r.waitFor(1);
    expect(got.url).toBe('/v2/hooks/o-3');
  });

  it('answers 400 to a /__logs direction it does not know', async () => {
    const t = await app(ORDERS('http://127.0.0.1:1'));
    const res = await request(t.app.callback()).get('/__logs?direction=sideways');
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('direction must be incoming or outgoing, not "sideways"');
  });
});
