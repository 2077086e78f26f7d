import { compileWebSocket } from '../../src/websocket/compile-websocket';
import { upstreamUrl } from '../../src/websocket/compile-proxy';
import { locateFrom } from '../behaviours/helpers';

const LINES = {
  '/websocket': 10,
  '/websocket/on_message/0/match/regex': 14,
  '/websocket/on_connect/0/send': 12,
  '/websocket/close/code': 20,
  '/websocket/drop/rate': 22,
  '/websocket/every/0/interval_ms': 18,
};

function problems(spec: unknown): string[] {
  const result = compileWebSocket(spec, locateFrom(LINES));
  return result.ok ? [] : result.issues.map((i) => `${i.line} ${i.message}`);
}

describe('compiling a websocket config', () => {
  it('accepts the example of the documentation', () => {
    expect(problems({
      on_connect: [{ send: { type: 'welcome', symbol: '{{params.symbol}}' } }],
      on_message: [
        { match: { json: { type: 'subscribe' } }, send: [{ type: 'subscribed' }, { type: 'snapshot', price: 101 }], latency_ms: 50 },
        { match: { text: 'ping' }, send: 'pong' },
        { echo: true },
      ],
      every: [{ interval_ms: 1000, send: { type: 'tick', price: '{{random_int 100 200}}' }, times: 10 }],
      close: { after_ms: 30000, code: 1000, reason: 'done' },
    })).toEqual([]);
  });

  it('reports a bad regex at its line', () => {
    expect(problems({ on_message: [{ match: { regex: '(' }, send: 'x' }] })).toEqual([
      expect.stringMatching(/^14 websocket\.on_message\[0\]\.match\.regex is not a valid regular expression/),
    ]);
  });

  it('reports {{message}} outside on_message, since only a rule has a message', () => {
    expect(problems({ on_connect: [{ send: 'hi {{message}}' }] })).toEqual([expect.stringMatching(/^12 template .*unknown .*"message"/)]);
  });

  it('lets on_message templates read the message and every template read jwt claims', () => {
    expect(problems({ on_connect: [{ send: '{{jwt.sub}}' }], on_message: [{ send: '{{message.json.a}} {{message}}' }] })).toEqual([]);
  });

  it('reports every problem at once, each at its key', () => {
    expect(problems({ close: { after_ms: 5, code: 1006 }, drop: { rate: 2 }, every: [{ interval_ms: 0, send: 'x' }], colse: {} })).toEqual([
      expect.stringMatching(/^10 websocket has no key "colse"/),
      '22 websocket.drop.rate must be a chance from 0 to 1 (got 2)',
      '18 websocket.every[0].interval_ms must be a number of milliseconds >= 1 (got 0)',
      '20 websocket.close.code must be 1000–1003, 1007–1014 or 3000–4999 (got 1006)',
    ]);
  });

  it('refuses a proxy mixed with a script', () => {
    expect(problems({ proxy: 'ws://127.0.0.1:1', on_message: [{ echo: true }] })).toEqual([
      expect.stringMatching(/websocket\.proxy passes frames to the upstream: remove on_message/),
    ]);
  });

  it('compiles a proxy and joins the upstream path with the request path and query', () => {
    const result = compileWebSocket({ proxy: { url: 'http://127.0.0.1:9000/base/', headers: { 'x-k': 'v' } }, drop: { after_messages: 2 } }, locateFrom());
    expect(result.ok).toBe(true);
    if (!result.ok || result.websocket.kind !== 'proxy') throw new Error('expected a proxy');
    expect(upstreamUrl(result.websocket.proxy, '/ws/feed', '?a=1')).toBe('ws://127.0.0.1:9000/base/ws/feed?a=1');
    expect(result.websocket.drop).toEqual({ afterMs: null, afterMessages: 2, rate: 0 });
    expect(result.websocket.maxMessageBytes).toBe(1024 * 1024);
  });

  it('refuses a proxy URL that is not a WebSocket or HTTP URL', () => {
    expect(problems({ proxy: 'ftp://x' })).toEqual([expect.stringMatching(/must use ws:, wss:, http: or https:/)]);
  });
});
