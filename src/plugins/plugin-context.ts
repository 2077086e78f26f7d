/** The `ctx` a plugin function gets: endpoint, params, the session's state, the seeded random source and a logger. */
import type { ScopedState } from '../model/state';
import type { PluginContext, PluginLogger, PluginState } from './plugin-types';

/** The store's scoped state behind promises (a store may answer at once or later; authors always await). */
export function pluginState(scoped: ScopedState): PluginState {
  return {
    get: (key) => Promise.resolve(scoped.get(key)),
    set: (key, value) => Promise.resolve(scoped.set(key, value)),
    increment: (key, by) => Promise.resolve(scoped.incr(key, by)),
    delete: (key) => Promise.resolve(scoped.delete(key)),
  };
}

/** A context whose state is made only when a plugin reads it (a hook that ignores it allocates none). */
export function pluginContext(
  endpoint: PluginContext['endpoint'],
  params: Record<string, string>,
  scope: () => ScopedState,
  random: () => number,
  log: PluginLogger,
): PluginContext {
  let state: PluginState | null = null;
  return {
    endpoint,
    params,
    get state() {
      return (state ??= pluginState(scope()));
    },
    random,
    log,
  };
}
