import { EventSource } from 'eventsource';
import OpenAI from 'openai';
import type { LogEntry } from '../../src/model/log-entry';
import { serverHub } from '../../src/streams/server-hub';
import { serveConfig, type Served } from '../streams/serve-config';

const CHAT = `
- path: /v1/chat/completions
  method: POST
  events:
    - data: { id: chatcmpl-1, object: chat.completion.chunk, created: 1700000000, model: "{{body.model}}", choices: [{ index: 0, delta: { role: assistant, content: "Hel" }, finish_reason: null }] }
      delay_ms: 5
    - data: { id: chatcmpl-1, object: chat.completion.chunk, created: 1700000000, model: "{{body.model}}", choices: [{ index: 0, delta: { content: "lo, {{body.messages.0.content}}" }, finish_reason: null }] }
      delay_ms: 5
    - data: { id: chatcmpl-1, object: chat.completion.chunk, created: 1700000000, model: "{{body.model}}", choices: [{ index: 0, delta: {}, finish_reason: stop }] }
    - data: "[DONE]"
- name: ticker
  path: /ticker
  events:
    - { data: tick, delay_ms: 20 }
  repeat: true
- name: notes
  path: /notes
  events:
    - { event: hello, data: { room: "{{query.room}}" } }
  keep_open: true
`;

describe('an events endpoint served by mockdock', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serveConfig({ 'sse.yaml': CHAT });
  });
  afterAll(() => served.stop());

  it('streams a chat completion shaped like the OpenAI API that the openai SDK parses chunk by chunk', async () => {
    const client = new OpenAI({ baseURL: `${served.url}/v1`, apiKey: 'test', maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'gpt-mock', messages: [{ role: 'user', content: 'Ann' }], stream: true });
    const parts = [];
    for await (const chunk of stream) parts.push(chunk);
    expect(parts).toHaveLength(3);
    expect(parts.map((p) => p.choices[0].delta.content ?? '').join('')).toBe('Hello, Ann');
    expect(parts.every((p) => p.model === 'gpt-mock')).toBe(true);
    expect(parts[2].choices[0].finish_reason).toBe('stop');
  });

  it('logs the stream as one entry with status 200', async () => {
    const [entry] = served.log.query({ endpoint: 'POST /v1/chat/completions' });
    expect(entry).toMatchObject({ method: 'POST', path: '/v1/chat/completions', status: 200 });
  });

  it('pushes an event to every open stream with POST /__sse/NAME/send', async () => {
    const source = new EventSource(`${served.url}/notes?room=r1`);
    try {
      const hello = await new Promise<MessageEvent>((resolve) => source.addEventListener('hello', resolve));
      expect(JSON.parse(hello.data)).toEqual({ room: 'r1' });
      const pushed = new Promise<MessageEvent>((resolve) => source.addEventListener('alert', resolve));
      const answer = await fetch(`${served.url}/__sse/notes/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: 'alert', id: '9', data: { level: 'high' } }) });
      expect(await answer.json()).toEqual({ sent: 1 });
      const event = await pushed;
      expect([JSON.parse(event.data), event.lastEventId]).toEqual([{ level: 'high' }, '9']);
    } finally {
      source.close();
    }
  });

  it('answers 404 for a push to an endpoint that is not an events endpoint', async () => {
    const answer = await fetch(`${served.url}/__sse/nosuch/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"data":1}' });
    expect(answer.status).toBe(404);
  });

  it('stops a repeating stream, its timers and its place in the hub, as soon as the client disconnects', async () => {
    const source = new EventSource(`${served.url}/ticker`);
    await new Promise((resolve) => source.addEventListener('message', resolve));
    expect(serverHub.streams.countOf('ticker')).toBe(1);
    const logged = new Promise<LogEntry>((resolve) => served.log.on('entry', (e: LogEntry) => e.endpoint === 'ticker' && resolve(e)));
    source.close();
    expect((await logged).status).toBe(200);
    expect(serverHub.streams.countOf('ticker')).toBe(0);
  });
});
