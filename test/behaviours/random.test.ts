import { createRandom, deriveSeed, randomSeed } from '../../src/behaviours/random';
import { draw, mean } from './helpers';

describe('createRandom', () => {
  it('gives the same numbers for the same seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(draw(100, a)).toEqual(draw(100, b));
  });

  it('keeps giving the numbers earlier releases gave, so recorded seeds replay', () => {
    const r = createRandom(42);
    expect([r(), r(), r()]).toEqual([0.5350388867711681, 0.7519834489060238, 0.8981761333431042]);
  });

  it('gives different numbers for neighbouring seeds', () => {
    const first = draw(20, createRandom(1));
    const second = draw(20, createRandom(2));
    expect(first).not.toEqual(second);
    expect(first.filter((v, i) => v === second[i])).toHaveLength(0);
  });

  it('stays within [0, 1) and averages about one half', () => {
    const values = draw(20000, createRandom(7));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(mean(values)).toBeCloseTo(0.5, 1);
  });

  it('does not truncate seeds above 2^32 to their low 32 bits', () => {
    const low = draw(5, createRandom(5));
    const high = draw(5, createRandom(5 + 2 ** 32));
    expect(high).not.toEqual(low);
  });

  it('accepts negative and fractional seeds deterministically', () => {
    expect(draw(5, createRandom(-3))).toEqual(draw(5, createRandom(-3)));
    expect(draw(5, createRandom(2.5))).toEqual(draw(5, createRandom(2)));
  });
});

describe('deriveSeed', () => {
  it('is stable for the same seed and key', () => {
    expect(deriveSeed(42, 'GET /users')).toBe(2411656161);
    expect(deriveSeed(42, 'GET /users')).toBe(deriveSeed(42, 'GET /users'));
  });

  it('differs between endpoints and between global seeds', () => {
    const names = ['GET /a', 'GET /b', 'POST /a', 'GET /a#2', ''];
    const seeds = new Set(names.map((n) => deriveSeed(1, n)));
    expect(seeds.size).toBe(names.length);
    expect(deriveSeed(1, 'GET /a')).not.toBe(deriveSeed(2, 'GET /a'));
  });

  it('returns an unsigned 32-bit integer', () => {
    for (const key of ['x', 'GET /users/:id', 'ünïcödé']) {
      const s = deriveSeed(123456789, key);
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(2 ** 32);
    }
  });

  it('gives each endpoint a stream that other endpoints drawing cannot shift', () => {
    const alone = draw(10, createRandom(deriveSeed(9, 'GET /a')));
    const a = createRandom(deriveSeed(9, 'GET /a'));
    const b = createRandom(deriveSeed(9, 'GET /b'));
    const interleaved: number[] = [];
    for (let i = 0; i < 10; i++) {
      b();
      b();
      interleaved.push(a());
    }
    expect(interleaved).toEqual(alone);
    expect(draw(10, createRandom(deriveSeed(9, 'GET /b')))).not.toEqual(alone);
  });
});

describe('randomSeed', () => {
  it('returns an unsigned 32-bit integer that changes between calls', () => {
    const seeds = [randomSeed(), randomSeed(), randomSeed()];
    for (const s of seeds) {
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(2 ** 32);
    }
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });
});
