/** Test parts for webhooks: a real receiving HTTP server, a hand-driven clock, and webhooks loaded from real config text. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config/load-config';
import { formatIssue } from '../../src/errors/config-issue';
import type { LoadedEndpoint } from '../../src/model/endpoint';
import type { Scheduler } from '../../src/webhooks/scheduler';
import { type WebhookPlanner, compileWebhooks } from '../../src/webhooks/compile-webhooks';
import { tempFolder } from '../config/fixtures';

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers its n-th request (1-based): a status, or `hang` to never answer. */
export type Answer = (n: number, req: Received) => number | 'hang';

export interface Receiver {
  url: string;
  received: Received[];
  /** Resolves once `n` requests have arrived (at once when they already have). */
  waitFor(n: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1, port chosen by the OS, that records every request it gets. */
export async function startReceiver(answer: Answer = () => 204): Promise<Receiver> {
  const received: Received[] = [];
  const waiters: Array<{ n: number; resolve: (r: Received[]) => void }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(entry);
      const status = answer(received.length, entry);
      if (status !== 'hang') res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 400 ? 'ok' : 'no');
      for (const w of waiters.filter((x) => received.length >= x.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(received.slice());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    waitFor: (n) => (received.length >= n ? Promise.resolve(received.slice()) : new Promise((resolve) => waiters.push({ n, resolve }))),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Closers the calling test file runs after each test, newest first. */
export const cleanups: Array<() => void | Promise<void>> = [];

/** Registers the after-each step that runs `cleanups`; call once at the top of a test file. */
export function closeAfterEach(): void {
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
}

/** A receiver closed after the test. */
export async function receiver(answer?: Answer): Promise<Receiver> {
  const r = await startReceiver(answer);
  cleanups.push(() => r.close());
  return r;
}

/** A loopback URL nothing listens on: a server is started to get a free port, then closed. */
export async function deadUrl(): Promise<string> {
  const r = await startReceiver();
  await r.close();
  return r.url;
}

/** A clock that moves only when the test says, firing due timers in time order. */
export class ManualClock implements Scheduler {
  private t = 1_000_000;
  private seq = 0;
  private timers: Array<{ at: number; seq: number; fn: () => void }> = [];

  now(): number {
    return this.t;
  }

  after(ms: number, fn: () => void): () => void {
    const timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing each timer at its time, and lets promises settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      const next = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = next.at;
      next.fn();
    }
    this.t = end;
    await settle();
  }
}

/** Lets pending promise callbacks (and their follow-ups) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Loads one config file's text through the real loader and returns its endpoints. */
export async function loadEndpoints(yaml: string, file = 'hooks.yaml'): Promise<LoadedEndpoint[]> {
  const folder = tempFolder({ [file]: yaml });
  try {
    const result = await loadConfig(folder.dir);
    if (!result.ok) throw new Error(`config did not load:\n${result.issues.map(formatIssue).join('\n')}`);
    return result.endpoints;
  } finally {
    folder.cleanup();
  }
}

/** The planner of the first endpoint in `yaml`; throws with every issue when it does not compile. */
export async function plannerFor(yaml: string, seed = 7): Promise<WebhookPlanner> {
  const [ep] = await loadEndpoints(yaml);
  const result = compileWebhooks((ep.def as { webhooks?: unknown }).webhooks, ep.locate, { name: ep.def.name, seed, templating: ep.def.template });
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  if (!result.planner) throw new Error('no webhooks');
  return result.planner;
}

/** The `file:line:col message` lines compiling the first endpoint's webhooks reports. */
export async function webhookIssues(yaml: string): Promise<string[]> {
  const [ep] = await loadEndpoints(yaml);
  const result = compileWebhooks((ep.def as { webhooks?: unknown }).webhooks, ep.locate, { name: ep.def.name, seed: 1, templating: ep.def.template });
  return result.ok ? [] : result.issues.map(formatIssue);
}

/** A triggering request as templates see it. */
export function requestData(over: Partial<{ params: Record<string, string>; query: Record<string, string>; headers: Record<string, string>; body: unknown; method: string; path: string }> = {}) {
  return { params: {}, query: {}, headers: {}, body: undefined as unknown, method: 'POST', path: '/api/orders', ...over };
}
