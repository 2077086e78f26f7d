/** Checks a module's default export is a plugin: `{name, onRequest?, onResponse?, handlers?: {NAME: function}}`. */
import { isObject } from '../util/is-object';
import { shownType as kind } from './plugin-answer';
import type { Plugin } from './plugin-types';

const KNOWN = ['name', 'onRequest', 'onResponse', 'handlers', 'description', 'version'];

/** The plugin, or what is wrong with it (as a sentence the config error carries). */
export function checkPlugin(value: unknown): Plugin | string {
  if (value === undefined) return 'has no default export: `export default { name, onRequest?, onResponse?, handlers? }`';
  if (!isObject(value)) return `its default export is ${kind(value)}, not an object { name, onRequest?, onResponse?, handlers? }`;
  const p = value as Record<string, unknown>;
  if (typeof p.name !== 'string' || p.name.trim() === '') return 'its default export needs a `name` (a non-empty string) to name it in errors and logs';
  for (const hook of ['onRequest', 'onResponse']) {
    if (p[hook] !== undefined && typeof p[hook] !== 'function') return `${hook} must be a function, not ${kind(p[hook])}`;
  }
  if (p.handlers !== undefined) {
    if (!isObject(p.handlers)) return `handlers must be an object of functions, not ${kind(p.handlers)}`;
    for (const [name, fn] of Object.entries(p.handlers)) {
      if (typeof fn !== 'function') return `handlers.${name} must be a function, not ${kind(fn)}`;
    }
  }
  const unknown = Object.keys(p).filter((k) => !KNOWN.includes(k));
  if (unknown.length > 0) return `has ${unknown.map((k) => `"${k}"`).join(', ')}, which mockdock does not know: a plugin has name, onRequest, onResponse, handlers (and description, version)`;
  if (p.onRequest === undefined && p.onResponse === undefined && (p.handlers === undefined || Object.keys(p.handlers).length === 0)) {
    return 'does nothing: give it onRequest, onResponse or handlers';
  }
  return p as unknown as Plugin;
}
