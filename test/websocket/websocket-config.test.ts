import { formatIssue } from '../../src/errors/config-issue';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { tempFolder } from '../config/fixtures';

async function build(yaml: string): Promise<string[]> {
  const { dir, cleanup } = tempFolder({ 'api.yaml': yaml });
  try {
    const result = await buildEndpointSet(dir, { seed: 1 });
    return result.ok ? [] : result.issues.map(formatIssue);
  } finally {
    cleanup();
  }
}

describe('websocket and events endpoints in config files', () => {
  it('loads the examples of the documentation', async () => {
    expect(await build(`
- path: /ws/prices/:symbol
  websocket:
    on_connect:
      - send: { type: welcome, symbol: "{{params.symbol}}" }
    on_message:
      - match: { json: { type: subscribe } }
        send: [{ type: subscribed }, { type: snapshot, price: 101 }]
        latency_ms: 50
      - match: { text: ping }
        send: pong
      - echo: true
    every:
      - { interval_ms: 1000, send: { type: tick, price: "{{random_int 100 200}}" }, times: 10 }
    close: { after_ms: 30000, code: 1000, reason: done }
- path: /v1/chat/completions
  method: POST
  events:
    - { data: { delta: "Hel" }, delay_ms: 50 }
    - { event: message, id: "2", data: { delta: "lo" }, delay_ms: 50 }
    - { data: "[DONE]" }
  repeat: false
`)).toEqual([]);
  });

  it('reports websocket with response as a config error at the response key', async () => {
    expect(await build(`
- path: /ws
  websocket: { on_message: [{ echo: true }] }
  response: { a: 1 }
`)).toEqual([expect.stringMatching(/^api\.yaml:4:3 websocket and response cannot be combined/)]);
  });

  it('reports websocket with events as two ways to answer', async () => {
    expect(await build(`
- path: /ws
  websocket: {}
  events: []
`)).toEqual([expect.stringMatching(/^api\.yaml:2:\d+ websocket and events cannot be combined/)]);
  });

  it('reports an unknown key inside websocket with the file, line and the keys there are', async () => {
    const issues = await build(`
- path: /ws
  websocket:
    on_mesage: []
`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^api\.yaml:4:5 .*on_mesage/);
  });

  it('reports a template mistake inside an event data object at its line', async () => {
    expect(await build(`
- path: /stream
  events:
    - data: { who: "{{nosuch.thing}}" }
`)).toEqual([expect.stringMatching(/^api\.yaml:4:\d+ template .*nosuch/)]);
  });
});

describe('websocket beside the endpoint proxy key', () => {
  it('is a config error that names the proxy key', async () => {
    const { dir, cleanup } = tempFolder({ 'api.yaml': '- path: /ws\n  websocket: { on_message: [{ echo: true }] }\n  proxy: http://127.0.0.1:9\n' });
    try {
      const result = await buildEndpointSet(dir, { seed: 1 });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.map(formatIssue).join('\n')).toMatch(/^api\.yaml:\d+:\d+ .*proxy/m);
    } finally {
      cleanup();
    }
  });
});

describe('an endless event stream with a failure that needs the whole body', () => {
  it('is a config error at the failure kind', async () => {
    const { dir, cleanup } = tempFolder({ 'api.yaml': '- path: /ticks\n  events: [{ data: t, delay_ms: 10 }]\n  repeat: true\n  failure_rate: 0.5\n  failure: { kind: slow_body, duration_ms: 100 }\n' });
    try {
      const result = await buildEndpointSet(dir, { seed: 1 });
      expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([expect.stringMatching(/^api\.yaml:5:\d+ failure kind slow_body needs the whole body/)]);
    } finally {
      cleanup();
    }
  });
});
