/** The plugins one reload loaded: each checked module, their handlers by name, and how calls into them are bounded and logged. */
import type { Plugin, PluginHandler, PluginLogger } from './plugin-types';

/** The host's logger (pino's argument order: fields first). */
export interface HostLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface LoadedPlugin {
  readonly name: string;
  /** Relative to the config root, as listed. */
  readonly file: string;
  readonly module: Plugin;
  /** What `ctx.log` is for this plugin. */
  readonly log: PluginLogger;
}

export interface PluginSet {
  readonly plugins: readonly LoadedPlugin[];
  readonly handlers: ReadonlyMap<string, { plugin: LoadedPlugin; fn: PluginHandler }>;
  /** `--plugin-timeout`: a call still running after this long answers 500. */
  readonly timeoutMs: number;
  readonly logger: HostLogger;
}

/** The key the loaded set is handed to the compile step under (CompileServices.prepared). */
export const PLUGINS_PREPARED = 'plugins';

/** Handed over instead of a set when the plugins failed to load: their problems are reported at the list already. */
export const PLUGINS_FAILED = 'failed';

/** The default of `--plugin-timeout` (ms). */
export const DEFAULT_PLUGIN_TIMEOUT_MS = 5000;

export function pluginLogger(host: HostLogger, plugin: string): PluginLogger {
  return {
    info: (message, fields) => host.info({ ...fields, plugin }, String(message)),
    warn: (message, fields) => host.warn({ ...fields, plugin }, String(message)),
    error: (message, fields) => host.error({ ...fields, plugin }, String(message)),
  };
}
