import type { ExecutionResult } from 'graphql';
import { env, responder } from './helpers';

const ctx = { params: {}, query: {}, headers: {}, body: undefined, method: 'GET', path: '/graphql' };

async function collect(events: AsyncIterableIterator<ExecutionResult>): Promise<ExecutionResult[]> {
  const out: ExecutionResult[] = [];
  for await (const e of events) out.push(e);
  return out;
}

describe('subscriptions', () => {
  afterEach(() => jest.useRealTimers());

  it('sends an event every every_ms, its data completed by mocks, and completes after times events', async () => {
    jest.useFakeTimers();
    const r = responder({ subscriptions: [{ subscription: 'userAdded', every_ms: 500, times: 3, data: { userAdded: { name: 'Ann' } } }] });
    const opened = r.subscribe({ query: 'subscription OnUser { userAdded { name role } }' }, ctx, env());
    if (!opened.ok) throw new Error('expected a stream');
    expect(opened.graphql).toEqual({ operation: 'OnUser', type: 'subscription' });
    const all = collect(opened.events);
    await jest.advanceTimersByTimeAsync(499);
    await jest.advanceTimersByTimeAsync(1001);
    const events = await all;
    expect(events).toHaveLength(3);
    for (const e of events) {
      expect((e.data as any).userAdded.name).toBe('Ann');
      expect(['ADMIN', 'EDITOR', 'VIEWER']).toContain((e.data as any).userAdded.role);
    }
  });

  it('stops its timer at once when the client unsubscribes', async () => {
    jest.useFakeTimers();
    const r = responder({ subscriptions: [{ subscription: 'ticks', every_ms: 60_000 }] });
    const opened = r.subscribe({ query: 'subscription { ticks }' }, ctx, env());
    if (!opened.ok) throw new Error('expected a stream');
    const pending = opened.events.next();
    expect(jest.getTimerCount()).toBe(1);
    await opened.events.return!();
    expect(jest.getTimerCount()).toBe(0);
    expect(await pending).toEqual({ done: true, value: undefined });
  });

  it('refuses a subscription that does not validate', () => {
    const opened = responder().subscribe({ query: 'subscription { nope }' }, ctx, env());
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.errors[0].message).toMatch(/nope/);
  });

  it('answers a query sent over the socket once', async () => {
    const opened = responder().subscribe({ query: '{ hello }' }, ctx, env());
    if (!opened.ok) throw new Error('expected a stream');
    expect(await collect(opened.events)).toEqual([{ data: { hello: 'Hello World' } }]);
  });
});
