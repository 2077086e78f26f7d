import fc from 'fast-check';
import { RequestLog, bodyForLog, NO_BODY, type LiveEntry, type LoggedBody, type NewEntry } from '../../src/logs/request-log';

function entry(i: number, logged: LoggedBody): NewEntry {
  return {
    timeMs: 1_700_000_000_000 + i,
    method: 'POST',
    path: `/p/${i}`,
    query: {},
    headers: {},
    endpoint: 'e',
    status: 200,
    duration_ms: 0,
    latency_ms: 0,
    failure: null,
    logged,
  };
}

/** A body as a request would bring it: JSON text, plain text (multi-byte too), a form value, or none. */
const body = fc.oneof(
  fc.json({ maxDepth: 2 }).map((raw) => ({ raw, parsed: JSON.parse(raw) as unknown, json: true })),
  fc.string({ unit: 'grapheme', maxLength: 3000 }).map((raw) => ({ raw, parsed: raw as unknown, json: false })),
  fc.constant({ raw: undefined as string | undefined, parsed: { a: '1' } as unknown, json: false }),
  fc.constant({ raw: undefined as string | undefined, parsed: undefined as unknown, json: false }),
);

describe('the request log', () => {
  it('returns exactly the bodies of the last --log-limit requests, newest first, over any stream of bodies', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(body, { maxLength: 60 }), (limit, bodies) => {
        const log = new RequestLog(limit);
        const expected: unknown[] = [];
        bodies.forEach((b, i) => {
          log.add(entry(i, bodyForLog(b.parsed, b.raw, b.json)));
          // a JSON body is shown parsed, unless it is a bare string: then it is shown as sent
          const parsedJson = b.json && typeof b.parsed !== 'string';
          const shown = b.raw === undefined ? (b.parsed ?? null) : b.raw === '' ? null : parsedJson ? b.parsed : b.raw;
          expected.unshift(shown);
          const got = log.query().map((e) => e.body);
          expect(got).toEqual(expected.slice(0, limit));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every body intact while its buffer wraps around and grows, over any stream of sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 16_000 }), fc.constantFrom('a', 'é', '😀')), { maxLength: 40 }),
        (limit, bodies) => {
          const log = new RequestLog(limit);
          const expected: unknown[] = [];
          bodies.forEach(([n, ch], i) => {
            const raw = `${i}:${ch.repeat(n)}`;
            log.add(entry(i, bodyForLog(raw, raw, false)));
            expected.unshift(raw);
            expect(log.query().map((e) => e.body)).toEqual(expected.slice(0, limit));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the buffer for body text at the size the kept bodies need, however many pass through', () => {
    const log = new RequestLog(10);
    const text = JSON.stringify({ pad: 'x'.repeat(5000) });
    for (let i = 0; i < 20_000; i++) log.add(entry(i, bodyForLog(JSON.parse(text), text, true)));
    // ten bodies of ~5 KB fit in 64 KiB: the buffer never had to grow
    expect(log.bodyBufferBytes).toBe(64 * 1024);
    expect(log.query()).toHaveLength(10);
    expect(log.query()[9]).toMatchObject({ id: 19_991, path: '/p/19990', body: { pad: 'x'.repeat(5000) } });
  });

  it('grows the buffer when larger bodies come, and keeps every body it holds intact', () => {
    const log = new RequestLog(4);
    const sizes = [100, 60_000, 200, 65_000, 64_000, 10, 65_536, 3];
    sizes.forEach((n, i) => log.add(entry(i, bodyForLog(String(i % 10).repeat(n), String(i % 10).repeat(n), false))));
    expect(log.query().map((e) => (e.body as string).length)).toEqual([3, 65_536, 10, 64_000]);
    expect(log.query().map((e) => (e.body as string)[0])).toEqual(['7', '6', '5', '4']);
    expect(log.bodyBufferBytes).toBeGreaterThan(64 * 1024);
  });

  it('starts empty again after clear()', () => {
    const log = new RequestLog(3);
    log.add(entry(1, bodyForLog('a', 'a', false)));
    log.clear();
    expect(log.query()).toEqual([]);
    log.add(entry(2, NO_BODY));
    log.add(entry(3, bodyForLog({ b: 1 }, '{"b":1}', true)));
    expect(log.query().map((e) => e.body)).toEqual([{ b: 1 }, null]);
  });

  it('cuts a body over 64 KiB and says how much was dropped', () => {
    const raw = 'é'.repeat(40_000); // 80,000 bytes
    const log = new RequestLog(1);
    log.add(entry(1, bodyForLog(raw, raw, false)));
    expect(log.query()[0].body).toMatch(/^é+…\[truncated 14464 bytes\]$/);
  });

  it('hands live consumers entries they may read later: bodies stay right after the ring and its body buffer moved on', () => {
    const log = new RequestLog(2);
    const held: LiveEntry[] = [];
    log.on('live', (live: LiveEntry) => held.push(live));
    for (let i = 0; i < 20; i++) log.add(entry(i, i % 2 === 0 ? bodyForLog({ n: i }, JSON.stringify({ n: i, pad: 'x'.repeat(i * 50) }), true) : bodyForLog({ form: String(i) }, undefined, false)));
    expect(held.map((l) => l.raw.path)).toEqual(Array.from({ length: 20 }, (_, i) => `/p/${i}`));
    held.forEach((l, i) => {
      expect(l.entry).toMatchObject({ id: i + 1, path: `/p/${i}`, body: i % 2 === 0 ? { n: i, pad: 'x'.repeat(i * 50) } : { form: String(i) } });
      expect(l.entry).toBe(l.entry); // presented once
    });
  });
});
