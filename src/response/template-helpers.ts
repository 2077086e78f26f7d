/** The template helpers: what each takes and what it returns, shared by both template engines. */
import { createHmac } from 'node:crypto';
import { callFaker, fakerFunction } from './faker-bridge';
import { isoDate, isoTime } from './iso-time';
import type { RenderEnv } from '../model/answer';
import { toJsonText, toText } from './to-text';

export type HelperRun = (args: unknown[], hash: Record<string, unknown>, env: RenderEnv) => unknown;

export interface HelperSpec {
  minArgs: number;
  maxArgs: number;
  /** Handlebars' built-ins run by Handlebars; ours by `run`. */
  run?: HelperRun;
  /** `block`: only as `{{#name}}…{{/name}}`. */
  usage: 'inline' | 'block';
}

/** The roots of request data a template may name at its top level (`jwt`: the claims `auth` verified). */
export const REQUEST_ROOTS: ReadonlySet<string> = new Set(['params', 'query', 'headers', 'body', 'method', 'path', 'jwt']);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const word = (random: () => number): number => Math.floor(random() * 0x100000000) >>> 0;
const hex4 = (n: number): string => HEX[n >>> 24] + HEX[(n >>> 16) & 0xff] + HEX[(n >>> 8) & 0xff] + HEX[n & 0xff];

/** A version-4 UUID from four 32-bit draws (bytes 0-15), so a seeded random source repeats it. */
export function uuidFrom(random: () => number): string {
  const a = word(random);
  const b = word(random);
  const c = word(random);
  const d = word(random);
  const version = HEX[((b >>> 8) & 0x0f) | 0x40] + HEX[b & 0xff]; // byte 6 carries the version
  const variant = HEX[((c >>> 24) & 0x3f) | 0x80] + HEX[(c >>> 16) & 0xff]; // byte 8 the variant
  return `${hex4(a)}-${HEX[b >>> 24]}${HEX[(b >>> 16) & 0xff]}-${version}-${variant}-${HEX[(c >>> 8) & 0xff]}${HEX[c & 0xff]}${hex4(d)}`;
}

/** Number() without running conversions a request body could shadow (`{"valueOf": 1}`). */
function toNumber(value: unknown): number {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? Number(value) : Number.NaN;
}

/** An integer in [min, max], both included; nothing when a bound is not a number. */
export function randomInt(a: unknown, b: unknown, random: () => number): number | undefined {
  let lo = Math.ceil(toNumber(a));
  let hi = Math.floor(toNumber(b));
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return undefined;
  if (lo > hi) [lo, hi] = [hi, lo];
  return lo + Math.floor(random() * (hi - lo + 1));
}

function runFaker(args: unknown[], hash: Record<string, unknown>, env: RenderEnv): unknown {
  const fn = fakerFunction(String(args[0]));
  if (!fn) return undefined;
  const rest = args.slice(1);
  if (Object.keys(hash).length > 0) rest.push({ ...hash });
  try {
    return callFaker(fn, rest, env);
  } catch {
    // Literal arguments were tried at compile time; data-driven ones may still be wrong.
    return undefined;
  }
}

/**
 * HMAC-SHA256 of TEXT under KEY, as lower-case hex: how payment and chat providers sign callbacks.
 * A string is signed as it is; an object or list as its compact JSON text (what `{{json X}}` writes).
 */
export function hmacSha256(key: unknown, text: unknown): string {
  const message = typeof text === 'string' ? text : text === undefined || text === null ? '' : toJsonText(text);
  return createHmac('sha256', toText(key)).update(message, 'utf8').digest('hex');
}

export const HELPERS: ReadonlyMap<string, HelperSpec> = new Map<string, HelperSpec>([
  ['date', { minArgs: 0, maxArgs: 0, usage: 'inline', run: (_a, _h, env) => isoDate(env.now) }],
  ['now', { minArgs: 0, maxArgs: 0, usage: 'inline', run: (_a, _h, env) => isoTime(env.now) }],
  ['timestamp', { minArgs: 0, maxArgs: 0, usage: 'inline', run: (_a, _h, env) => env.now }],
  ['uuid', { minArgs: 0, maxArgs: 0, usage: 'inline', run: (_a, _h, env) => uuidFrom(env.random) }],
  ['random_int', { minArgs: 2, maxArgs: 2, usage: 'inline', run: (a, _h, env) => randomInt(a[0], a[1], env.random) }],
  ['faker', { minArgs: 1, maxArgs: Infinity, usage: 'inline', run: runFaker }],
  ['json', { minArgs: 1, maxArgs: 2, usage: 'inline', run: (a) => toJsonText(a[0], indentOf(a[1])) }],
  ['hmac_sha256', { minArgs: 2, maxArgs: 2, usage: 'inline', run: (a) => hmacSha256(a[0], a[1]) }],
  ['lookup', { minArgs: 2, maxArgs: 2, usage: 'inline' }],
  ['if', { minArgs: 1, maxArgs: 1, usage: 'block' }],
  ['unless', { minArgs: 1, maxArgs: 1, usage: 'block' }],
  ['each', { minArgs: 1, maxArgs: 1, usage: 'block' }],
  ['with', { minArgs: 1, maxArgs: 1, usage: 'block' }],
]);

function indentOf(value: unknown): number | undefined {
  const n = toNumber(value);
  return !Number.isFinite(n) ? undefined : Math.min(10, Math.max(0, n));
}

/**
 * A fixed, varying random source for compile-time trial runs: a constant would make any
 * generator that draws until it sees something new loop for ever.
 */
export function trialRandom(): () => number {
  let state = 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}
