import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { handleRequest as handle } from '../../src/engine/handle-request';
import type { ResponsePlan } from '../../src/model/response-plan';
import type { EndpointSet } from '../../src/engine/endpoint-set';
import type { MockRequest } from '../../src/model/request';

async function setOf(endpoints: unknown[], globalLatencyMs?: number): Promise<EndpointSet> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-plain-'));
  fs.writeFileSync(path.join(dir, 'api.json'), JSON.stringify(endpoints));
  const built = await buildEndpointSet(dir, { seed: 1, now: () => 0, globalLatencyMs });
  if (!built.ok) throw new Error(JSON.stringify(built.issues));
  return built.set;
}

/** In-memory state answers at once, so every plan here is synchronous. */
const handleRequest = (set: EndpointSet, req: MockRequest, now: number) => handle(set, req, now) as ResponsePlan;

const get = (p: string): MockRequest => ({ method: 'GET', path: p, query: {}, headers: {}, body: undefined, ip: '127.0.0.1' });

describe('plain endpoints are planned once at load', () => {
  it('answers a static endpoint, and one whose behaviours are all zero, with one shared plan', async () => {
    const set = await setOf([
      { path: '/static', response: { a: 1 } },
      { path: '/inert', response: { a: 1 }, latency_ms: 0, failure_rate: 0 },
    ]);
    for (const p of ['/static', '/inert']) {
      const first = handleRequest(set, get(p), 0);
      expect(first).toMatchObject({ status: 200, delayMs: 0, shared: true });
      expect(first.body.toString()).toBe('{"a":1}');
      expect(handleRequest(set, get(p), 1)).toBe(first);
    }
  });

  it('adds --latency to the shared plan', async () => {
    const set = await setOf([{ path: '/static', response: 'x' }], 25);
    expect(handleRequest(set, get('/static'), 0).delayMs).toBe(25);
  });

  it('plans per request when something can change: latency, failures, templates, sequences, rate-limit headers', async () => {
    const set = await setOf([
      { path: '/slow', response: 'x', latency_ms: 5 },
      { path: '/flaky', response: 'x', failure_rate: 0.5 },
      { path: '/templated', response: '{{path}}' },
      { path: '/steps', sequence: [{ status: 200 }, { status: 503 }] },
      { path: '/limited', response: 'x', rate_limit: { limit: 5, window_s: 60 } },
    ]);
    for (const p of ['/slow', '/flaky', '/templated', '/steps', '/limited']) {
      expect(handleRequest(set, get(p), 0)).not.toBe(handleRequest(set, get(p), 0));
    }
    expect(handleRequest(set, get('/slow'), 0).delayMs).toBe(5);
    expect(handleRequest(set, get('/limited'), 0).headers).toHaveProperty('RateLimit-Remaining');
  });
});
