/** Faker, loaded on first use, with its generators drawing from the render's seeded random source. */
import type { Faker, LocaleDefinition, Randomizer } from '@faker-js/faker';
import type { RenderEnv } from '../model/answer';

type FakerFn = (...args: unknown[]) => unknown;
type FakerCtor = new (options: { locale: LocaleDefinition; randomizer: Randomizer }) => Faker;

const PATH = /^([A-Za-z][A-Za-z0-9]*)\.([A-Za-z][A-Za-z0-9]*)$/;

// Set just before each call: faker runs synchronously, so no other render can interleave.
let activeEnv: RenderEnv = { now: 0, random: () => 0 };
let instance: Faker | undefined;
const resolved = new Map<string, FakerFn | undefined>();

/**
 * The English locale alone (the lightest entry point that carries data), required lazily so a
 * config without `faker` never pays its start-up cost; a static `require` lets the bundler inline it.
 */
function loadLocale(): { faker: Faker } {
  return require('@faker-js/faker/locale/en');
}

/** Our own instance: the shared one keeps its own seed and clock for whoever else uses it. */
function fakerInstance(): Faker {
  if (instance) return instance;
  const shared = loadLocale().faker;
  const Ctor = shared.constructor as FakerCtor;
  const randomizer: Randomizer = { next: () => activeEnv.random(), seed: () => undefined };
  const own = new Ctor({ locale: shared.rawDefinitions, randomizer });
  own.setDefaultRefDate(() => new Date(activeEnv.now));
  instance = own;
  return own;
}

/** Why faker cannot be used, or undefined when it loads. */
export function fakerLoadError(): string | undefined {
  try {
    fakerInstance();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * The generator at `module.method` (e.g. `person.firstName`), or undefined. Only methods of
 * faker's modules qualify: not faker's own methods (`seed`), nor anything from Object.prototype.
 */
export function fakerFunction(path: string): FakerFn | undefined {
  if (resolved.has(path)) return resolved.get(path);
  const fn = resolve(path);
  resolved.set(path, fn);
  return fn;
}

function resolve(path: string): FakerFn | undefined {
  const m = PATH.exec(path);
  if (!m) return undefined;
  const [, moduleName, methodName] = m;
  const faker = fakerInstance() as unknown as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(faker, moduleName)) return undefined;
  const mod = faker[moduleName];
  if (typeof mod !== 'object' || mod === null || Object.getPrototypeOf(mod) === Object.prototype) {
    return undefined;
  }
  if (methodName in Object.prototype) return undefined;
  const method = (mod as Record<string, unknown>)[methodName];
  return typeof method === 'function' ? (method.bind(mod) as FakerFn) : undefined;
}

/** Runs a generator with `env`'s clock and randomness; throws what faker throws. */
export function callFaker(fn: FakerFn, args: unknown[], env: RenderEnv): unknown {
  activeEnv = env;
  return fromFaker(fn(...args));
}

/** Dates as ISO text (not the server's local time zone); structured values as JSON text. */
function fromFaker(value: unknown): unknown {
  // Not `instanceof`: under a test runner faker may live in another realm with its own Date.
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const date = value as Date;
    return Number.isNaN(date.getTime()) ? '' : date.toISOString();
  }
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return value;
}
