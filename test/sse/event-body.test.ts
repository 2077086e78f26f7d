import { compileEvents } from '../../src/sse/compile-events';
import { eventBody } from '../../src/sse/event-body';
import type { LiveStream } from '../../src/sse/live-stream';
import { LiveRegistry } from '../../src/streams/live-registry';
import { createRandom } from '../../src/behaviours/random';
import { locateFrom } from '../behaviours/helpers';
import { FakeTimers } from '../streams/fake-timers';

const CTX = { params: {}, query: {}, headers: {}, body: undefined, method: 'GET', path: '/e' };

function body(events: unknown, extra: Record<string, unknown> = {}) {
  const compiled = compileEvents({ events, ...extra }, locateFrom());
  if (!compiled.ok) throw new Error('bad events');
  const timers = new FakeTimers();
  const registry = new LiveRegistry<LiveStream>();
  let ended = 0;
  const iterable = eventBody(compiled.schedule, { id: 's1', endpoint: 'feed', path: '/e', session: null }, { ctx: CTX, random: createRandom(1), timers, registry, onEnd: () => ended++ });
  return { iterable, timers, registry, ended: () => ended };
}

describe('an event schedule as a streaming body', () => {
  it('yields each event when it comes due and finishes after the last', async () => {
    const { iterable, timers, registry } = body([{ data: 'a', delay_ms: 100 }, { data: 'b', delay_ms: 100 }]);
    const it = iterable[Symbol.asyncIterator]();
    const first = it.next();
    expect(registry.size).toBe(1);
    timers.advance(100);
    expect(await first).toEqual({ done: false, value: 'data: a\n\n' });
    const second = it.next();
    timers.advance(100);
    expect(await second).toEqual({ done: false, value: 'data: b\n\n' });
    expect(await it.next()).toEqual({ done: true, value: undefined });
    expect(registry.size).toBe(0);
  });

  it('stops its timers and leaves the registry at once when the consumer returns early', async () => {
    const { iterable, timers, registry, ended } = body([{ data: 'tick', delay_ms: 10 }], { repeat: true });
    const it = iterable[Symbol.asyncIterator]();
    const first = it.next();
    timers.advance(10);
    await first;
    await it.return!();
    expect(timers.pending).toBe(0);
    expect(registry.size).toBe(0);
    expect(ended()).toBe(1);
  });

  it('yields pushed events between scheduled ones', async () => {
    const { iterable, registry } = body([]);
    const it = iterable[Symbol.asyncIterator]();
    const next = it.next();
    expect(registry.select('feed').map((s) => s.push('data: pushed\n\n'))).toEqual([true]);
    expect(await next).toEqual({ done: false, value: 'data: pushed\n\n' });
  });
});
