import { EventSource } from 'eventsource';
import OpenAI from 'openai';
import { formatEvent } from '../../src/sse/event-format';
import { type StreamHarness, streamHarness } from './stream-harness';

function chunk(content: string | null, finish: string | null = null) {
  return {
    id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: 1700000000, model: '{{body.model}}',
    choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }],
  };
}

describe('SSE streams read by real clients', () => {
  let harness: StreamHarness;
  afterEach(() => harness?.close());

  it('streams a chat completion that the official openai SDK parses chunk by chunk', async () => {
    harness = await streamHarness({
      events: [
        { data: chunk('Hel'), delay_ms: 5 },
        { data: chunk('lo'), delay_ms: 5 },
        { data: chunk(null, 'stop') },
        { data: '[DONE]' },
      ],
    });
    const client = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: 'test-key', maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'gpt-mock', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const chunks = [];
    for await (const part of stream) chunks.push(part);
    expect(chunks.map((c) => c.choices[0].delta.content ?? '').join('')).toBe('Hello');
    expect(chunks.map((c) => c.model)).toEqual(['gpt-mock', 'gpt-mock', 'gpt-mock']);
    expect(chunks[2].choices[0].finish_reason).toBe('stop');
  });

  it('is read by the eventsource client with event names, ids and pushed events', async () => {
    harness = await streamHarness({ events: [{ event: 'greeting', id: '1', data: { hello: '{{query.who}}' } }], keep_open: true });
    const source = new EventSource(`${harness.url}/events?who=ann`);
    try {
      const greeting = await new Promise<MessageEvent>((resolve) => source.addEventListener('greeting', resolve));
      expect(JSON.parse(greeting.data)).toEqual({ hello: 'ann' });
      expect(greeting.lastEventId).toBe('1');
      const pushed = new Promise<MessageEvent>((resolve) => source.addEventListener('message', resolve));
      const sent = harness.registry.select('events').map((s) => s.push(formatEvent({ data: 'line one\nline two' })));
      expect(sent).toEqual([true]);
      expect((await pushed).data).toBe('line one\nline two');
    } finally {
      source.close();
    }
  });

  it('stops the stream timers as soon as the client disconnects', async () => {
    harness = await streamHarness({ events: [{ data: 'tick', delay_ms: 20 }], repeat: true });
    const source = new EventSource(`${harness.url}/ticks`);
    await new Promise((resolve) => source.addEventListener('message', resolve));
    expect(harness.registry.size).toBe(1);
    const ended = harness.nextEnd();
    source.close();
    await ended;
    expect(harness.ended).toBe(1);
    expect(harness.registry.size).toBe(0);
  });
});
