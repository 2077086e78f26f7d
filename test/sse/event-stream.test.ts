import { compileEvents, type EventsSource } from '../../src/sse/compile-events';
import { EventStream } from '../../src/sse/event-stream';
import { formatEvent } from '../../src/sse/event-format';
import type { StreamContext } from '../../src/streams/stream-context';
import { createRandom } from '../../src/behaviours/random';
import { locateFrom } from '../behaviours/helpers';
import { FakeTimers } from '../streams/fake-timers';

const CTX: StreamContext = { params: {}, query: { room: 'r1' }, headers: {}, body: { model: 'gpt-test' }, method: 'POST', path: '/v1/chat/completions' };

function play(src: EventsSource) {
  const result = compileEvents(src, locateFrom());
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  const timers = new FakeTimers();
  const out = { text: '', ended: false };
  const stream = new EventStream(result.schedule, { write: (t) => (out.text += t), end: () => (out.ended = true) }, { ctx: CTX, random: createRandom(1), timers });
  stream.start();
  return { timers, out, stream };
}

function problems(src: EventsSource): string[] {
  const result = compileEvents(src, locateFrom({ '/events/0/delay_ms': 7, '/repeat': 9 }));
  return result.ok ? [] : result.issues.map((i) => `${i.line} ${i.message}`);
}

describe('an SSE event schedule', () => {
  it('writes event, id and data lines, objects as JSON, each event as it comes due, then ends', () => {
    const { timers, out } = play({
      events: [
        { data: { delta: 'Hel' }, delay_ms: 50 },
        { event: 'message', id: '2', data: { delta: 'lo' }, delay_ms: 50 },
        { data: '[DONE]' },
      ],
    });
    expect(out.text).toBe('');
    timers.advance(50);
    expect(out.text).toBe('data: {"delta":"Hel"}\n\n');
    timers.advance(49);
    expect(out.ended).toBe(false);
    timers.advance(1);
    expect(out.text).toBe('data: {"delta":"Hel"}\n\nevent: message\nid: 2\ndata: {"delta":"lo"}\n\ndata: [DONE]\n\n');
    expect(out.ended).toBe(true);
    expect(timers.pending).toBe(0);
  });

  it('renders templates in data strings, also inside object data, with the request in view', () => {
    const { out } = play({ events: [{ data: 'room {{query.room}}' }, { data: { model: '{{body.model}}', n: 1 } }] });
    expect(out.text).toBe('data: room r1\n\ndata: {"model":"gpt-test","n":1}\n\n');
  });

  it('writes a multi-line data string as one data line per line', () => {
    expect(formatEvent({ data: 'a\nb\r\nc' })).toBe('data: a\ndata: b\ndata: c\n\n');
  });

  it('starts over after the last event with repeat: true, a ticker that never ends by itself', () => {
    const { timers, out } = play({ events: [{ data: 'tick', delay_ms: 1000 }], repeat: true });
    timers.advance(3500);
    expect(out.text).toBe('data: tick\n\n'.repeat(3));
    expect(out.ended).toBe(false);
  });

  it('keeps a stream open after its last event with keep_open, and an empty list open for pushes', () => {
    const kept = play({ events: [{ data: 'hello' }], keep_open: true });
    expect(kept.out).toEqual({ text: 'data: hello\n\n', ended: false });
    const empty = play({ events: [] });
    expect(empty.stream.push(formatEvent({ event: 'note', data: 'pushed' }))).toBe(true);
    expect(empty.out).toEqual({ text: 'event: note\ndata: pushed\n\n', ended: false });
  });

  it('stops its timers at once when the client disconnects', () => {
    const { timers, out, stream } = play({ events: [{ data: 'x', delay_ms: 10 }], repeat: true });
    timers.advance(10);
    stream.stop();
    expect(timers.pending).toBe(0);
    timers.advance(1000);
    expect(out.text).toBe('data: x\n\n');
    expect(stream.push('data: late\n\n')).toBe(false);
  });

  it('refuses a repeating schedule without any delay, which would spin', () => {
    expect(problems({ events: [{ data: 'x' }], repeat: true })).toEqual([expect.stringMatching(/^9 repeat: true needs at least one event with delay_ms above 0/)]);
  });

  it('reports a negative delay and a missing data at their keys', () => {
    expect(problems({ events: [{ delay_ms: -1 }] })).toEqual(['1 events[0] needs data', '7 events[0].delay_ms must be a number of milliseconds >= 0 (got -1)']);
  });
});
