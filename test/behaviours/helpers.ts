/** Test doubles for the behaviours: a locate table, counting/fixed random sources and requests. */
import type { Random } from '../../src/model/clock';
import type { Locate } from '../../src/model/endpoint';
import type { MockRequest } from '../../src/model/request';

export const FILE = 'api/users.yaml';

/**
 * A locate that knows the lines of the pointers in `lines` and, like the real one, falls back to
 * the nearest enclosing pointer it knows (the endpoint itself is line 1).
 */
export function locateFrom(lines: Record<string, number> = {}): Locate {
  return (pointer) => {
    let at = pointer;
    while (at !== '' && lines[at] === undefined) at = at.slice(0, at.lastIndexOf('/'));
    return { file: FILE, line: at === '' ? lines[''] ?? 1 : lines[at], col: 5 };
  };
}

/** Hands out `values` in turn (cycling) and counts how many were drawn. */
export function fixedRandom(...values: number[]): Random & { draws: number } {
  const fn = (() => values[fn.draws++ % values.length]) as Random & { draws: number };
  fn.draws = 0;
  return fn;
}

/** Wraps a random source to count draws. */
export function counting(random: Random): Random & { draws: number } {
  const fn = (() => {
    fn.draws++;
    return random();
  }) as Random & { draws: number };
  fn.draws = 0;
  return fn;
}

/** A source that must not be used. */
export const noRandom: Random = () => {
  throw new Error('random() was drawn but should not have been');
};

export function request(overrides: Partial<MockRequest> = {}): MockRequest {
  return { method: 'GET', path: '/x', query: {}, headers: {}, body: undefined, ip: '10.0.0.1', ...overrides };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function draw(n: number, sample: () => number): number[] {
  return Array.from({ length: n }, sample);
}
