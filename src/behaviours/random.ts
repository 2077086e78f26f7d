/** Seeded randomness: one reproducible stream per endpoint, so `--seed` replays the same traffic. */
import { randomInt } from 'node:crypto';
import { xoroshiro128plus } from 'pure-rand';
import type { Random } from '../model/clock';

const TWO_POW_32 = 0x1_0000_0000;
const TWO_POW_53 = 9007199254740992;

/** Murmur3's finaliser: spreads every input bit over the whole word, so seeds 1 and 2 look unrelated. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Any JS number (negative, fractional, above 2^32) folded into 32 bits without losing the high part. */
function foldSeed(seed: number): number {
  const whole = Number.isFinite(seed) ? Math.trunc(seed) : 0;
  const low = whole >>> 0;
  const high = Math.floor(whole / TWO_POW_32) >>> 0;
  return fmix32(low ^ Math.imul(fmix32(high), 0x9e3779b1)) >>> 0;
}

/**
 * A deterministic generator of uniform numbers in [0, 1) (53 bits, like Math.random).
 * The returned function carries state: each call advances the stream.
 */
export function createRandom(seed: number): Random {
  const rng = xoroshiro128plus(foldSeed(seed) | 0);
  // xoroshiro's first outputs echo its seed; a short warm-up hides that.
  for (let i = 0; i < 8; i++) rng.unsafeNext();
  return () => {
    const high = rng.unsafeNext() >>> 5; // 27 bits
    const low = rng.unsafeNext() >>> 6; // 26 bits
    return (high * 67108864 + low) / TWO_POW_53;
  };
}

/**
 * A stable seed for one endpoint: a hash of its key (the endpoint name) mixed with the global
 * seed. Each endpoint gets its own stream, so adding or removing an endpoint never shifts the
 * pattern another one sees.
 */
export function deriveSeed(seed: number, key: string): number {
  // FNV-1a over UTF-16 code units, then mixed with the folded seed.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(fmix32(h >>> 0) ^ Math.imul(foldSeed(seed), 0x27d4eb2d)) >>> 0;
}

/**
 * A fresh seed for a run started without `--seed`. The one impure function in the behaviours:
 * it reads the operating system's entropy (node:crypto), so call it once at start-up and log
 * the result, which lets a surprising run be replayed with `--seed`.
 */
export function randomSeed(): number {
  return randomInt(0, TWO_POW_32);
}
