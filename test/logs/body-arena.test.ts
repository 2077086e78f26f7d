import fc from 'fast-check';
import { BodyArena, type BodyRef } from '../../src/logs/body-arena';

describe('the body arena', () => {
  it('reads back every body it holds, whatever mix of stores and oldest-first releases comes', () => {
    // a tiny buffer, so that wrapping at the end and growing happen all the time
    const op = fc.oneof(fc.record({ store: fc.integer({ min: 0, max: 12 }), ch: fc.constantFrom('a', 'é', '😀') }), fc.constant({ release: true as const }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const arena = new BodyArena(8);
        const held: Array<{ ref: BodyRef; text: string }> = [];
        let n = 0;
        for (const o of ops) {
          if ('release' in o) {
            const oldest = held.shift();
            if (oldest) arena.release(oldest.ref);
          } else {
            const text = `${n++ % 10}${o.ch.repeat(o.store)}`;
            const ref = arena.store(text, Buffer.byteLength(text), () => held.map((h) => h.ref));
            held.push({ ref, text });
          }
          for (const h of held) expect(arena.read(h.ref)).toBe(h.text);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never lets a body run past the end of the buffer or into the oldest body held', () => {
    const arena = new BodyArena(16);
    const held: Array<{ ref: BodyRef; text: string }> = [];
    const store = (text: string) => held.push({ ref: arena.store(text, text.length, () => held.map((h) => h.ref)), text });
    const check = () => held.forEach((h) => expect(arena.read(h.ref)).toBe(h.text));
    store('aaaaaaaaaa'); // [0, 10)
    store('bbbbbbb'); // 17 bytes would pass the end: the buffer grows instead
    check();
    expect(arena.capacity).toBe(32);

    const small = new BodyArena(16);
    const kept: Array<{ ref: BodyRef; text: string }> = [];
    const put = (text: string) => kept.push({ ref: small.store(text, text.length, () => kept.map((h) => h.ref)), text });
    put('AAAAA'); // [0, 5)
    put('BBBBB'); // [5, 10)
    put('CCCCC'); // [10, 15)
    small.release((kept.shift() as { ref: BodyRef }).ref); // A leaves: [0, 5) is free
    put('DDDD'); // does not fit at the end: wraps to [0, 4)
    put('E'); // [4, 5) would leave no gap before B: the buffer grows rather than make full look empty
    put('F');
    kept.forEach((h) => expect(small.read(h.ref)).toBe(h.text));
  });

  it('reuses its buffer instead of growing when bodies leave as fast as they come', () => {
    const arena = new BodyArena(64);
    const held: BodyRef[] = [];
    for (let i = 0; i < 10_000; i++) {
      held.push(arena.store('0123456789', 10, () => held));
      if (held.length > 4) arena.release(held.shift() as BodyRef);
    }
    expect(arena.capacity).toBe(64);
  });
});
