import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Agent, RetryAgent, request } from 'undici';
import { createTestApp } from '../helpers/test-app';

// The README's "Testing retries and circuit breakers" example, run for real: undici's RetryAgent
// against the shipped config's `flaky-orders` sequence, which fails twice and then succeeds.
describe('a client with retries against a flaky sequence', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    const { app } = await createTestApp({ config: path.join(__dirname, '../../config') });
    server = http.createServer(app.callback());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('succeeds on the third attempt when it retries 503s', async () => {
    const client = new RetryAgent(new Agent(), { maxRetries: 3, minTimeout: 1, timeoutFactor: 1, statusCodes: [503] });
    const res = await request(`${base}/api/orders/o-1`, { dispatcher: client });
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({ id: 'o-1', state: 'shipped' });
    const logs = (await (await fetch(`${base}/__logs`)).json()) as Array<{ status: number }>;
    expect(logs.map((e) => e.status)).toEqual([200, 503, 503]);
  });

  it('gives up and surfaces the 503 when it retries too few times', async () => {
    await fetch(`${base}/__reset`, { method: 'POST' });
    const client = new RetryAgent(new Agent(), { maxRetries: 1, minTimeout: 1, timeoutFactor: 1, statusCodes: [503] });
    await expect(request(`${base}/api/orders/o-2`, { dispatcher: client })).rejects.toMatchObject({ statusCode: 503 });
  });
});
