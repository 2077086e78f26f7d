/** Reads a config folder and compiles it: the single entry point for serve, reload and validate. */
import type { ConfigIssue } from '../errors/config-issue';
import { loadConfig } from '../config/load-config';
import { orderIssues } from '../errors/order-issues';
import { compileEndpointSet } from '../engine/compile-endpoint-set';
import type { EndpointSet } from '../engine/endpoint-set';
import type { StateStore } from '../model/state';
import type { LoadedEndpoint } from '../model/endpoint';
import { Resources } from '../engine/resources';
import { rootFileReader } from '../config/root-files';
import { AUTH_RESOURCE, AuthProvider } from '../auth/provider';
import { compileAuthSettings } from '../auth/auth-settings';
import { keyFileReader } from '../config/key-file';
import { loadPlugins, type PluginOptions } from '../plugins/load-plugins';
import { DEFAULT_PLUGIN_TIMEOUT_MS, PLUGINS_FAILED, PLUGINS_PREPARED } from '../plugins/plugin-set';

export interface BuildOptions {
  seed: number;
  /** Where state lives; pass the same store to every build so state outlives reloads. */
  store?: StateStore;
  globalLatencyMs?: number;
  now?: () => number;
  /** Settings given by flags or environment: they win over mockdock.yaml, key by key. */
  settingsOverrides?: Readonly<Record<string, unknown>>;
  /** Objects capabilities keep across reloads (connection pools, a recorder); the registry passes the first set's. */
  resources?: Resources;
  /** Endpoints from other sources (runtime, via the admin API), compiled after the files' ones. */
  extraEndpoints?: () => readonly LoadedEndpoint[];
  /** `--public-url`: where the OIDC provider is reached, and its default issuer. */
  publicUrl?: string;
  /** `--seed` when one was given: the provider's keys are then derived from it. */
  authSeed?: number;
  /** `--allow-plugins`, `--plugin-timeout` and where plugins log; without it, a `plugins` list is refused. */
  plugins?: PluginOptions;
}

/** Plugins refused (the default), their timeout, and nowhere to log. */
export const NO_PLUGINS: PluginOptions = {
  allow: false,
  timeoutMs: DEFAULT_PLUGIN_TIMEOUT_MS,
  logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
};

export type BuildResult =
  | { ok: true; set: EndpointSet; files: string[] }
  | { ok: false; issues: ConfigIssue[]; files: string[] };

export async function buildEndpointSet(root: string, opts: BuildOptions): Promise<BuildResult> {
  const loaded = await loadConfig(root);
  const settings = { ...loaded.settings.settings, ...opts.settingsOverrides };
  // The OIDC provider (keys, codes, refresh tokens) is kept across reloads; its settings go into force
  // only when the whole build succeeds, so a broken reload keeps the last good ones.
  const resources = opts.resources ?? new Resources();
  const auth = resources.keep(AUTH_RESOURCE, () => new AuthProvider({ clock: opts.now ?? Date.now, publicUrl: opts.publicUrl, seed: opts.authSeed }));
  const authSettings = compileAuthSettings(settings.auth, loaded.settings.locate, keyFileReader(root));
  // The one asynchronous step before compiling: plugin modules are imported (fresh when their content changed).
  const plugins = await loadPlugins(settings.plugins, root, loaded.settings.locate, opts.plugins ?? NO_PLUGINS);
  const prepared = new Map<string, unknown>(!plugins.ok ? [[PLUGINS_PREPARED, PLUGINS_FAILED]] : plugins.set ? [[PLUGINS_PREPARED, plugins.set]] : []);
  const compileOptions = {
    seed: opts.seed,
    now: (opts.now ?? Date.now)(),
    globalLatencyMs: opts.globalLatencyMs,
    files: loaded.files,
    store: opts.store,
    settings,
    settingsLocate: loaded.settings.locate,
    root,
    readFile: rootFileReader(root),
    resources,
    prepared,
  };
  const extra = opts.extraEndpoints?.() ?? [];
  if (!loaded.ok) {
    // Compile what did load too, so one run reports every problem (a template error beside a YAML error).
    const rest = compileEndpointSet([...loaded.partial, ...extra], compileOptions);
    const more = [...(rest.ok ? [] : rest.issues), ...(authSettings.ok ? [] : authSettings.issues), ...(plugins.ok ? [] : plugins.issues)];
    const issues = more.length === 0 ? loaded.issues : orderIssues([...loaded.issues, ...more], loaded.files);
    return { ok: false, issues, files: loaded.files };
  }
  const all = extra.length > 0 ? [...loaded.endpoints, ...extra.map((e, i) => ({ ...e, order: loaded.endpoints.length + i }))] : loaded.endpoints;
  const compiled = compileEndpointSet(all, compileOptions);
  if (!compiled.ok || !authSettings.ok || !plugins.ok) {
    const issues = [...(compiled.ok ? [] : compiled.issues), ...(authSettings.ok ? [] : authSettings.issues), ...(plugins.ok ? [] : plugins.issues)];
    return { ok: false, issues: orderIssues(issues, loaded.files), files: loaded.files };
  }
  auth.configure(authSettings.settings);
  return { ok: true, set: compiled.set, files: loaded.files };
}
