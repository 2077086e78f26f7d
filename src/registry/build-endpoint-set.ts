/** Reads a config folder and compiles it: the single entry point for serve, reload and validate. */
import type { ConfigIssue } from '../errors/config-issue';
import { loadConfig } from '../config/load-config';
import { orderIssues } from '../errors/order-issues';
import { compileEndpointSet } from '../engine/compile-endpoint-set';
import type { EndpointSet } from '../engine/endpoint-set';
import type { StateStore } from '../model/state';
import type { LoadedEndpoint } from '../model/endpoint';
import type { Resources } from '../engine/resources';
import { rootFileReader } from '../config/root-files';

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
}

export type BuildResult =
  | { ok: true; set: EndpointSet; files: string[] }
  | { ok: false; issues: ConfigIssue[]; files: string[] };

export async function buildEndpointSet(root: string, opts: BuildOptions): Promise<BuildResult> {
  const loaded = await loadConfig(root);
  const settings = { ...loaded.settings.settings, ...opts.settingsOverrides };
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
    resources: opts.resources,
  };
  const extra = opts.extraEndpoints?.() ?? [];
  if (!loaded.ok) {
    // Compile what did load too, so one run reports every problem (a template error beside a YAML error).
    const rest = compileEndpointSet([...loaded.partial, ...extra], compileOptions);
    const issues = rest.ok ? loaded.issues : orderIssues([...loaded.issues, ...rest.issues], loaded.files);
    return { ok: false, issues, files: loaded.files };
  }
  const all = extra.length > 0 ? [...loaded.endpoints, ...extra.map((e, i) => ({ ...e, order: loaded.endpoints.length + i }))] : loaded.endpoints;
  const compiled = compileEndpointSet(all, compileOptions);
  if (!compiled.ok) return { ok: false, issues: compiled.issues, files: loaded.files };
  return { ok: true, set: compiled.set, files: loaded.files };
}
