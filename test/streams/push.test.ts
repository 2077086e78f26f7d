import { LiveRegistry } from '../../src/streams/live-registry';
import { pushMessage } from '../../src/websocket/push-message';
import { pushEvent } from '../../src/sse/push-event';
import type { LiveConnection } from '../../src/websocket/live-connection';
import type { LiveStream } from '../../src/sse/live-stream';

function connections() {
  const registry = new LiveRegistry<LiveConnection>();
  const got: Record<string, string[]> = {};
  const add = (id: string, endpoint: string, session: string | null, open = true) => {
    got[id] = [];
    registry.add({ id, endpoint, session, send: (text: string) => open && got[id].push(text) > 0 } as unknown as LiveConnection);
  };
  add('c1', 'prices', null);
  add('c2', 'prices', 'alice');
  add('c3', 'prices', 'bob', false);
  add('c4', 'other', null);
  return { registry, got };
}

describe('pushing to open connections', () => {
  it('sends a JSON body as compact JSON to every open connection of the endpoint', () => {
    const { registry, got } = connections();
    expect(pushMessage(registry, 'prices', true, { a: 1 }, '{ "a": 1 }', {})).toEqual({ status: 200, body: { sent: 2 } });
    expect(got).toEqual({ c1: ['{ "a": 1 }'], c2: ['{ "a": 1 }'], c3: [], c4: [] });
  });

  it('narrows to one session or one connection', () => {
    const { registry, got } = connections();
    expect(pushMessage(registry, 'prices', true, 'hi', 'hi', { session: 'alice' }).body).toEqual({ sent: 1 });
    expect(pushMessage(registry, 'prices', true, 'yo', 'yo', { connection: 'c1' }).body).toEqual({ sent: 1 });
    expect(got.c1).toEqual(['yo']);
    expect(got.c2).toEqual(['hi']);
  });

  it('answers 404 for an unknown endpoint and 400 for an empty message', () => {
    const { registry } = connections();
    expect(pushMessage(registry, 'nope', false, 'x', 'x', {}).status).toBe(404);
    expect(pushMessage(registry, 'prices', true, undefined, '', {}).status).toBe(400);
  });
});

describe('pushing to open event streams', () => {
  it('formats {event, id, data} once and writes it to every open stream', () => {
    const registry = new LiveRegistry<LiveStream>();
    const written: string[] = [];
    registry.add({ id: 's1', endpoint: 'feed', session: null, push: (t: string) => written.push(t) > 0 } as unknown as LiveStream);
    expect(pushEvent(registry, 'feed', true, { event: 'note', id: 3, data: { a: 1 } })).toEqual({ status: 200, body: { sent: 1 } });
    expect(written).toEqual(['event: note\nid: 3\ndata: {"a":1}\n\n']);
  });

  it('answers 400 without data', () => {
    expect(pushEvent(new LiveRegistry<LiveStream>(), 'feed', true, { event: 'x' }).status).toBe(400);
  });
});
