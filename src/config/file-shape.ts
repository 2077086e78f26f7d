/** Tells the three shapes of a config file apart: one endpoint, a list of them, or {defaults, endpoints}. */
import { didYouMean } from './did-you-mean';
import type { Segment } from '../util/json-pointer';

/** A value at `path` (JSON pointer segments from the top of the file). */
export interface Slot {
  value: unknown;
  path: Segment[];
}

export interface ShapeProblem {
  path: Segment[];
  message: string;
}

export interface FileShape {
  defaults?: Slot;
  endpoints: Slot[];
  problems: ShapeProblem[];
}

const FILE_KEYS = ['defaults', 'endpoints', '$schema'];

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : 'a ' + typeof value;
}

export function fileShape(value: unknown): FileShape {
  if (value === null || value === undefined) return { endpoints: [], problems: [] };
  if (Array.isArray(value)) return { endpoints: value.map((item, i) => ({ value: item, path: [i] })), problems: [] };
  if (typeof value !== 'object') {
    const message = `a config file holds an endpoint object, a list of endpoints, or {defaults, endpoints}; this one holds ${typeName(value)}`;
    return { endpoints: [], problems: [{ path: [], message }] };
  }
  const object = value as Record<string, unknown>;
  if (!('endpoints' in object) && !('defaults' in object)) return { endpoints: [{ value, path: [] }], problems: [] };

  const problems: ShapeProblem[] = [];
  for (const key of Object.keys(object)) {
    if (FILE_KEYS.includes(key)) continue;
    const guess = didYouMean(key, FILE_KEYS);
    const hint = guess ? `did you mean "${guess}"?` : 'endpoint keys go in the items of "endpoints"';
    problems.push({ path: [key], message: `unknown key "${key}" beside "defaults"/"endpoints" (${hint})` });
  }
  const shape: FileShape = { endpoints: [], problems };
  if ('defaults' in object) shape.defaults = { value: object.defaults, path: ['defaults'] };
  const list = object.endpoints;
  if (!('endpoints' in object)) problems.push({ path: [], message: 'missing required key "endpoints" (the list the defaults apply to)' });
  else if (!Array.isArray(list)) problems.push({ path: ['endpoints'], message: `"endpoints" must be a list of endpoints, not ${typeName(list)}` });
  else shape.endpoints = list.map((item, i) => ({ value: item, path: ['endpoints', i] }));
  return shape;
}
