/** The `ctx` a plugin function gets: endpoint, params, the session's state, the seeded random source and a logger. */
import type { ScopedState, StateStore } from '../model/state';
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

const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * A context whose state is made only when a plugin reads it: a hook that ignores it allocates nothing more
 * than this object (it runs on every request, so it is a class, not a literal with closures).
 */
export class LazyContext implements PluginContext {
  private made: PluginState | null = null;

  constructor(
    readonly endpoint: PluginContext['endpoint'],
    readonly params: Record<string, string>,
    readonly random: () => number,
    readonly log: PluginLogger,
    /** The endpoint's own scoped state (handlers), or null to scope `store` by session and `scope` (hooks). */
    private readonly scoped: ScopedState | null,
    private readonly store: StateStore | null,
    private readonly session: string | null,
    private readonly scope: string,
  ) {}

  get state(): PluginState {
    return (this.made ??= pluginState(this.scoped ?? this.store!.scope(this.session, this.scope)));
  }
}

/** A handler's context: its endpoint's state in the request's session. */
export function handlerContext(endpoint: NonNullable<PluginContext['endpoint']>, params: Record<string, string>, state: ScopedState, random: () => number, log: PluginLogger): PluginContext {
  return new LazyContext(endpoint, params, random, log, state, null, null, '');
}

/** A hook's context: the plugin's own state (`plugin:NAME`) in the request's session. */
export function hookContext(endpoint: PluginContext['endpoint'], store: StateStore, session: string | null, plugin: string, random: () => number, log: PluginLogger): PluginContext {
  return new LazyContext(endpoint, NO_PARAMS, random, log, null, store, session, `plugin:${plugin}`);
}
