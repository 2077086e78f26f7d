import { compileWebSocket } from '../../src/websocket/compile-websocket';
import { ConnectionSession } from '../../src/websocket/connection-session';
import type { CompiledScript } from '../../src/websocket/compiled-script';
import type { StreamContext } from '../../src/streams/stream-context';
import { createRandom } from '../../src/behaviours/random';
import { fixedRandom, locateFrom } from '../behaviours/helpers';
import { FakeTimers } from '../streams/fake-timers';
import { RecordingPort } from './recording-port';

const CTX: StreamContext = { params: { symbol: 'ACME' }, query: { user: 'ann' }, headers: { 'x-team': 'blue' }, body: undefined, method: 'GET', path: '/ws/prices/ACME' };

function scriptOf(spec: unknown): CompiledScript {
  const result = compileWebSocket(spec, locateFrom());
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  if (result.websocket.kind !== 'script') throw new Error('not a script');
  return result.websocket.script;
}

function open(spec: unknown, random = createRandom(1)) {
  const timers = new FakeTimers();
  const port = new RecordingPort();
  const session = new ConnectionSession(scriptOf(spec), port, { ctx: CTX, random, timers });
  session.start();
  const say = (text: string) => session.receive(Buffer.from(text), false);
  return { timers, port, session, say };
}

describe('a WebSocket connection script', () => {
  it('greets a new connection with on_connect messages that see the request', () => {
    const { port } = open({ on_connect: [{ send: { type: 'welcome', symbol: '{{params.symbol}}', user: '{{query.user}}' } }, { send: 'hello {{headers.[x-team]}}' }] });
    expect(port.sent).toEqual([{ type: 'welcome', symbol: 'ACME', user: 'ann' }, 'hello blue']);
  });

  it('sends the messages of an on_connect step with latency only once its time has come', () => {
    const { port, timers } = open({ on_connect: [{ send: 'first' }, { send: 'second', latency_ms: 100 }, { send: 'third', latency_ms: 50 }] });
    expect(port.sent).toEqual(['first']);
    timers.advance(99);
    expect(port.sent).toEqual(['first']);
    timers.advance(1);
    expect(port.sent).toEqual(['first', 'second']);
    timers.advance(50);
    expect(port.sent).toEqual(['first', 'second', 'third']);
  });

  it('answers with the first on_message rule whose match holds: json partial match, text, regex, then the echo fallback', () => {
    const { port, say } = open({
      on_message: [
        { match: { json: { type: 'subscribe' } }, send: [{ type: 'subscribed', to: '{{message.json.channel}}' }, { type: 'snapshot', price: 101 }] },
        { match: { text: 'ping' }, send: 'pong' },
        { match: { regex: '^echo ' }, send: 'you said: {{message}}' },
        { echo: true },
      ],
    });
    say(JSON.stringify({ type: 'subscribe', channel: 'prices', extra: 1 }));
    say('ping');
    say('echo hi');
    say('anything else');
    expect(port.sent).toEqual([{ type: 'subscribed', to: 'prices' }, { type: 'snapshot', price: 101 }, 'pong', 'you said: echo hi', 'anything else']);
  });

  it('leaves a message unanswered when no rule matches and there is no fallback', () => {
    const { port, say } = open({ on_message: [{ match: { text: 'ping' }, send: 'pong' }] });
    say('pong');
    expect(port.events).toEqual([]);
  });

  it('echoes a binary frame back as binary', () => {
    const { port, session } = open({ on_message: [{ echo: true }] });
    session.receive(Buffer.from([0, 1, 2, 255]), true);
    expect(port.events).toEqual([{ binary: Buffer.from([0, 1, 2, 255]).toString('base64') }]);
  });

  it('delays an answer by the rule latency', () => {
    const { port, say, timers } = open({ on_message: [{ match: { text: 'slow' }, send: 'done', latency_ms: 50 }] });
    say('slow');
    timers.advance(49);
    expect(port.sent).toEqual([]);
    timers.advance(1);
    expect(port.sent).toEqual(['done']);
  });

  it('closes with the rule close code after answering', () => {
    const { port, say } = open({ on_message: [{ match: { text: 'bye' }, send: 'ciao', close: { code: 4000, reason: 'asked' } }] });
    say('bye');
    say('still there?');
    expect(port.events).toEqual([{ send: 'ciao' }, { close: [4000, 'asked'] }]);
  });

  it('pushes every interval, stops after times, and keeps the connection open', () => {
    const { port, timers } = open({ every: [{ interval_ms: 1000, send: { type: 'tick', n: '{{random_int 100 200}}' }, times: 3 }] });
    timers.advance(999);
    expect(port.sent).toEqual([]);
    timers.advance(1);
    expect(port.sent).toHaveLength(1);
    timers.advance(10_000);
    expect(port.sent).toHaveLength(3);
    for (const tick of port.sent as Array<{ n: string }>) expect(Number(tick.n)).toBeGreaterThanOrEqual(100);
    expect(port.events.some((e) => 'close' in e || 'terminate' in e)).toBe(false);
    expect(timers.pending).toBe(0);
  });

  it('closes with a close frame after close.after_ms', () => {
    const { port, timers } = open({ close: { after_ms: 30_000, code: 1000, reason: 'done' }, every: [{ interval_ms: 10_000, send: 'tick' }] });
    timers.advance(30_000);
    expect(port.events).toEqual([{ send: 'tick' }, { send: 'tick' }, { close: [1000, 'done'] }]);
    expect(timers.pending).toBe(0);
  });

  it('drops the connection without a close frame after drop.after_ms', () => {
    const { port, timers } = open({ drop: { after_ms: 500 }, every: [{ interval_ms: 200, send: 'tick' }] });
    timers.advance(1000);
    expect(port.events).toEqual([{ send: 'tick' }, { send: 'tick' }, { terminate: true }]);
    expect(timers.pending).toBe(0);
  });

  it('drops the connection when the after_messages-th message arrives, without answering it', () => {
    const { port, say } = open({ drop: { after_messages: 3 }, on_message: [{ echo: true }] });
    say('1');
    say('2');
    say('3');
    say('4');
    expect(port.events).toEqual([{ send: '1' }, { send: '2' }, { terminate: true }]);
  });

  it('drops by chance per received message, drawing from the endpoint random source', () => {
    const { port, say } = open({ drop: { rate: 0.5 }, on_message: [{ echo: true }] }, fixedRandom(0.9, 0.7, 0.2));
    say('a');
    say('b');
    say('c');
    expect(port.events).toEqual([{ send: 'a' }, { send: 'b' }, { terminate: true }]);
  });

  it('drops at the same messages on every run with the same seed', () => {
    const run = (seed: number) => {
      const { port, say } = open({ drop: { rate: 0.2 }, on_message: [{ echo: true }] }, createRandom(seed));
      for (let i = 0; i < 50; i++) say(String(i));
      return port.sent.length;
    };
    expect(run(7)).toBe(run(7));
    expect([run(1), run(2), run(3), run(4)].every((n) => n < 50)).toBe(true);
  });

  it('stops every timer at once when the connection ends', () => {
    const { port, timers, session, say } = open({
      on_connect: [{ send: 'late', latency_ms: 100 }],
      every: [{ interval_ms: 10, send: 'tick' }],
      close: { after_ms: 1000 },
      drop: { after_ms: 2000 },
      on_message: [{ echo: true, latency_ms: 5 }],
    });
    say('x');
    session.stop();
    expect(timers.pending).toBe(0);
    timers.advance(5000);
    expect(port.events).toEqual([]);
  });
});
