/** Reads a config folder and compiles it: the single entry point for serve, reload and validate. */
import type { ConfigIssue } from '../errors/config-issue';
import { loadConfig } from '../config/load-config';
import { orderIssues } from '../errors/order-issues';
import { compileEndpointSet } from '../engine/compile-endpoint-set';
import type { EndpointSet } from '../engine/endpoint-set';
import type { StateStore } from '../model/state';
import type { LoadedEndpoint } from '../model/endpoint';

export interface BuildOptions {
  seed: number;
  /** Where state lives; pass the same store to every build so state outlives reloads. */
  store?: StateStore;
  globalLatencyMs?: number;
  now?: () => number;
  /** Settings given by flags or environment: they win over mockdock.yaml, key by key. */
  settingsOverrides?: Readonly<Record<string, unknown>>;
  /** Server-owned adapters capabilities hand work to (the webhook queue); none for `validate`. */
  services?: Readonly<Record<string, unknown>>;
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
    services: opts.services,
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
