/** Lays an endpoint over its file's defaults, then brings values to the model's types. */
import type { EndpointDefinition } from '../model/endpoint';
import { isObject } from '../util/is-object';

type Json = Record<string, unknown>;


/** Header names are case-insensitive: the endpoint's `x-mock` replaces the default `X-Mock`. */
function mergeHeaderNames(base: Json, own: Json): Json {
  const ownNames = new Set(Object.keys(own).map((k) => k.toLowerCase()));
  // Spreads and fromEntries define keys; assignment would treat a "__proto__" key as the prototype.
  return { ...Object.fromEntries(Object.entries(base).filter(([name]) => !ownNames.has(name.toLowerCase()))), ...own };
}

/** `match.query` and `match.headers` merge condition by condition; `match.body` is replaced whole. */
function mergeMatch(base: Json, own: Json): Json {
  const merged: Json = { ...base, ...own };
  if (isObject(base.query) && isObject(own.query)) merged.query = { ...base.query, ...own.query };
  if (isObject(base.headers) && isObject(own.headers)) merged.headers = mergeHeaderNames(base.headers, own.headers);
  return merged;
}

/**
 * `headers` and `match` merge key by key, the endpoint winning; every other key is replaced whole.
 * `response` and `body_file` are one slot: an endpoint that sets either drops the default of both.
 */
export function mergeDefaults(defaults: Json | undefined, own: Json): Json {
  if (!defaults) return { ...own };
  const base: Json = { ...defaults };
  if ('response' in own || 'body_file' in own) {
    delete base.response;
    delete base.body_file;
  }
  const merged: Json = { ...base, ...own };
  if (isObject(defaults.headers) && isObject(own.headers)) merged.headers = mergeHeaderNames(defaults.headers, own.headers);
  if (isObject(defaults.match) && isObject(own.match)) merged.match = mergeMatch(defaults.match, own.match);
  return merged;
}

/** YAML reads `X-Count: 5` and `page: 2` as numbers; headers and query values are text. */
function textValues(map: unknown): unknown {
  if (!isObject(map)) return map;
  const entries = Object.entries(map);
  if (!entries.some(([, value]) => typeof value === 'number' || typeof value === 'boolean')) return map;
  return Object.fromEntries(entries.map(([key, value]) => [key, typeof value === 'object' ? value : String(value)]));
}

function withTextHeaders<T>(item: T): T {
  return isObject(item) && 'headers' in item ? ({ ...item, headers: textValues(item.headers) } as T) : item;
}

export type NormalDefinition = EndpointDefinition & { method: string };

/**
 * Upper-cases and defaults `method`, drops the editor-only `$schema`, turns header and query
 * values into text. Changes `def` in place: it is the fresh object `mergeDefaults` returned.
 */
export function normalize(def: Json): NormalDefinition {
  delete def.$schema;
  // A GraphQL endpoint answers GET and POST (and refuses the rest itself), so it takes every method by default.
  def.method = typeof def.method === 'string' ? def.method.toUpperCase() : 'graphql' in def ? 'ANY' : 'GET';
  if ('headers' in def) def.headers = textValues(def.headers);
  if (isObject(def.match)) def.match = { ...def.match, ...pick(def.match, 'query'), ...pick(def.match, 'headers') };
  if (Array.isArray(def.failure)) def.failure = def.failure.map(withTextHeaders);
  else if (isObject(def.failure)) def.failure = withTextHeaders(def.failure);
  if (Array.isArray(def.sequence)) def.sequence = def.sequence.map(withTextHeaders);
  return def as unknown as NormalDefinition;
}

function pick(match: Json, key: 'query' | 'headers'): Json {
  return key in match ? { [key]: textValues(match[key]) } : {};
}
