import { createHmac } from 'node:crypto';
import { createSender, type Sender } from '../../src/webhooks/send-webhook';
import { WebhookDispatcher } from '../../src/webhooks/webhook-dispatcher';
import type { WebhookAttempt } from '../../src/webhooks/webhook-spec';
import { cleanups, closeAfterEach, deadUrl, plannerFor, receiver, requestData } from './support';

closeAfterEach();

/** A dispatcher sending with undici, and the attempts it reports (waitReports resolves once n arrived). */
function dispatcher(opts: { concurrency?: number } = {}) {
  const sender: Sender = createSender({ timeoutMs: 5_000 });
  const reports: WebhookAttempt[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const d = new WebhookDispatcher({
    send: sender.send,
    concurrency: opts.concurrency,
    backoff: { baseMs: 5, maxMs: 20 },
    report: (a) => {
      reports.push(a);
      for (const w of waiters.filter((x) => reports.length >= x.n)) w.resolve();
    },
  });
  cleanups.push(async () => {
    await d.close(0);
    await sender.close();
  });
  const waitReports = (n: number) => (reports.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })));
  return { d, reports, waitReports };
}

const brief = (a: WebhookAttempt) => ({ attempt: a.attempt, result: a.result, status: a.status });

describe('sending webhooks to a real receiver', () => {
  it('delivers the rendered body and headers, signed with an HMAC the receiver verifies with node:crypto', async () => {
    const r = await receiver();
    const planner = await plannerFor(`
- path: /api/orders
  method: POST
  webhooks:
    - url: "${r.url}/hooks/{{body.id}}"
      headers: { X-Signature: "{{hmac_sha256 'whsec_test' body}}", Content-Type: application/json }
      body: "{{json body}}"
`);
    const { d, reports, waitReports } = dispatcher();
    d.enqueue(planner.plan(requestData({ body: { id: 'o-1', total: 42.5, note: 'café' } }), Date.now()));
    const [got] = await r.waitFor(1);
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/hooks/o-1');
    expect(got.headers['content-type']).toBe('application/json');
    expect(JSON.parse(got.body)).toEqual({ id: 'o-1', total: 42.5, note: 'café' });
    const expected = createHmac('sha256', 'whsec_test').update(got.body).digest('hex');
    expect(got.headers['x-signature']).toBe(expected);
    await waitReports(1);
    expect(reports[0]).toMatchObject({ endpoint: 'POST /api/orders', index: 0, url: `${r.url}/hooks/o-1`, attempt: 1, result: 'success', status: 204 });
  });

  it('retries a receiver that fails twice with 503, and reports each attempt', async () => {
    const r = await receiver((n) => (n <= 2 ? 503 : 200));
    const planner = await plannerFor(`- path: /a\n  webhooks: [{ url: "${r.url}/h", body: { n: 1 }, retries: 3 }]\n`);
    const { d, reports, waitReports } = dispatcher();
    d.enqueue(planner.plan(requestData(), Date.now()));
    await waitReports(3);
    expect(reports.map(brief)).toEqual([
      { attempt: 1, result: 'http_error', status: 503 },
      { attempt: 2, result: 'http_error', status: 503 },
      { attempt: 3, result: 'success', status: 200 },
    ]);
    expect(r.received.map((x) => x.body)).toEqual(['{"n":1}', '{"n":1}', '{"n":1}']);
    await d.close(1_000);
    expect(reports).toHaveLength(3);
  });

  it('does not retry a 4xx: the receiver has said no', async () => {
    const r = await receiver(() => 422);
    const planner = await plannerFor(`- path: /a\n  webhooks: [{ url: "${r.url}/h", retries: 3 }]\n`);
    const { d, reports, waitReports } = dispatcher();
    d.enqueue(planner.plan(requestData(), Date.now()));
    await waitReports(1);
    await d.close(1_000);
    expect(reports.map(brief)).toEqual([{ attempt: 1, result: 'http_error', status: 422 }]);
  });

  it('reports a receiver that is down as a network error on every attempt, never throwing to the caller', async () => {
    const url = await deadUrl();
    const planner = await plannerFor(`- path: /a\n  webhooks: [{ url: "${url}/h", retries: 2 }]\n`);
    const { d, reports, waitReports } = dispatcher();
    expect(() => d.enqueue(planner.plan(requestData(), Date.now()))).not.toThrow();
    expect(reports).toEqual([]); // enqueue returns before anything is sent
    await waitReports(3);
    expect(reports.map((a) => [a.attempt, a.result])).toEqual([[1, 'network_error'], [2, 'network_error'], [3, 'network_error']]);
    expect(reports[0].error).toMatch(/ECONNREFUSED/);
  });

  it('with a seed, sends webhooks in the order of their drawn delays, the same order on every run', async () => {
    const r = await receiver();
    const hooks = [0, 1, 2, 3, 4].map((n) => `    - { url: "${r.url}/h", body: { n: ${n} }, delay_ms: [0, 40] }`).join('\n');
    const yaml = `- path: /a\n  webhooks:\n${hooks}\n`;
    const run = async (): Promise<number[]> => {
      r.received.length = 0;
      const planner = await plannerFor(yaml, 2024);
      const planned = planner.plan(requestData(), Date.now());
      const { d } = dispatcher({ concurrency: 1 });
      d.enqueue(planned);
      const got = await r.waitFor(5);
      const expected = planned.map((p, i) => [p.delayMs, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
      expect(got.map((x) => JSON.parse(x.body).n)).toEqual(expected);
      return expected;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).not.toEqual([0, 1, 2, 3, 4]); // the delays did reorder them
  });

  it('on shutdown, drops what would be sent after the bound and aborts a send the receiver never answers, reporting both', async () => {
    const r = await receiver(() => 'hang');
    const planner = await plannerFor(`
- path: /a
  webhooks:
    - { url: "${r.url}/now" }
    - { url: "${r.url}/later", delay_ms: 60000 }
`);
    const { d, reports } = dispatcher();
    d.enqueue(planner.plan(requestData(), Date.now()));
    await r.waitFor(1);
    const started = Date.now();
    await d.close(150);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(reports.map((a) => [a.url.slice(r.url.length), a.result])).toEqual([['/later', 'dropped'], ['/now', 'dropped']]);
    expect(reports[0].error).toBe('mockdock stopped before it was sent');
    expect(reports[1].error).toBe('mockdock stopped before the receiver answered');
  });
});
