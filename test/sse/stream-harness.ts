/** A bare HTTP server on loopback answering every request with one compiled events schedule, for adapter tests with real clients. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { compileEvents, type EventsSource } from '../../src/sse/compile-events';
import { type LiveStream, openEventStream } from '../../src/sse/open-event-stream';
import { LiveRegistry } from '../../src/streams/live-registry';
import { realTimers } from '../../src/streams/real-timers';
import { createRandom } from '../../src/behaviours/random';
import { locateFrom } from '../behaviours/helpers';

export interface StreamHarness {
  url: string;
  registry: LiveRegistry<LiveStream>;
  ended: number;
  /** Resolves when the next stream ends, on either side. */
  nextEnd(): Promise<void>;
  close(): Promise<void>;
}

export async function streamHarness(src: EventsSource): Promise<StreamHarness> {
  const compiled = compileEvents(src, locateFrom());
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'));
  const registry = new LiveRegistry<LiveStream>();
  const harness = { registry, ended: 0 } as StreamHarness;
  const waiters: Array<() => void> = [];
  harness.nextEnd = () => new Promise((resolve) => waiters.push(resolve));
  const ended = (): void => {
    harness.ended++;
    waiters.splice(0).forEach((w) => w());
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      const url = new URL(req.url ?? '/', 'http://x');
      const ctx = { params: {}, query: Object.fromEntries(url.searchParams), headers: {}, body: text ? JSON.parse(text) : undefined, method: req.method ?? 'GET', path: url.pathname };
      openEventStream(res, compiled.schedule, { id: registry.nextId('s'), endpoint: 'events', path: url.pathname, session: null }, {
        ctx, random: createRandom(1), timers: realTimers, registry, onEnd: ended,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  harness.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  harness.close = async () => {
    for (const s of registry.all()) s.end();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return harness;
}
