/** Turns loaded definitions into a ready-to-serve EndpointSet, collecting every problem at once. */
import type { LoadedEndpoint, Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import type { BehaviourDefinition, CompileContext, CompileServices, ResponderDefinition, ServerHooks, SettingsDefinition, Stage } from '../model/pipeline';
import type { StateStore } from '../model/state';
import { orderIssues } from '../errors/order-issues';
import { ErrorCodes } from '../errors/codes';
import { compileResponse } from '../response/compile-response';
import { createRandom, deriveSeed } from '../behaviours/random';
import { compileMatcher } from '../matching/matcher';
import { MemoryStore } from '../state/memory-store';
import { BEHAVIOURS, RESPONDERS, SETTINGS } from './capabilities';
import { scenarioCatalog } from '../behaviours/scenario';
import type { CompiledEndpoint } from './compiled-endpoint';
import { DEFAULT_SESSION_HEADER, type EndpointSet } from './endpoint-set';
import { Resources } from './resources';

export interface CompileOptions {
  seed: number;
  now: number;
  globalLatencyMs?: number;
  files?: readonly string[];
  /** Where state lives; the registry passes the same store to every reload so state outlives it. */
  store?: StateStore;
  /** Server settings (`mockdock.yaml`), validated, flags applied. */
  settings?: Readonly<Record<string, unknown>>;
  /** Where a settings key sits in mockdock.yaml, for errors of settings capabilities. */
  settingsLocate?: Locate;
  settingsCapabilities?: readonly SettingsDefinition[];
  /** The config root, and a reader of files under it (for capabilities that name a file, e.g. a CA bundle). */
  root?: string;
  readFile?: CompileServices['readFile'];
  /** Objects kept across reloads; the registry passes the same ones to every reload. */
  resources?: Resources;
  /** What asynchronous preparation made for this reload (imported plugin modules), by name. */
  prepared?: ReadonlyMap<string, unknown>;
  /** The capabilities to compile with (tests add their own); default: all of mockdock's. */
  behaviours?: readonly BehaviourDefinition[];
  responders?: readonly ResponderDefinition[];
}

export type CompileResult = { ok: true; set: EndpointSet } | { ok: false; issues: ConfigIssue[] };

const NO_SETTINGS: Readonly<Record<string, unknown>> = Object.freeze({});

/** The responder an endpoint's keys ask for (the last one, the static answer, when none does); two at once is a config error. */
function chooseResponder(loaded: LoadedEndpoint, responders: readonly ResponderDefinition[], issues: ConfigIssue[]): ResponderDefinition | null {
  const fallback = responders[responders.length - 1];
  const special = responders.slice(0, -1).filter((r) => r.claims(loaded.def));
  if (special.length > 1) {
    const { file, line, col } = loaded.locate('');
    const names = special.map((r) => r.name).join(' and ');
    issues.push({ file, line, col, code: ErrorCodes.CONFIG_SCHEMA, message: `${names} cannot be combined in one endpoint: choose one way to answer` });
    return null;
  }
  return special[0] ?? fallback ?? null;
}

const NOTHING_PREPARED: ReadonlyMap<string, unknown> = new Map();

const NO_FILES: CompileServices['readFile'] = (relative) => ({ ok: false, message: `"${relative}" cannot be read: no config folder` });

function servicesOf(opts: CompileOptions, resources: Resources): CompileServices {
  return { root: opts.root ?? null, readFile: opts.readFile ?? NO_FILES, keep: (key, make) => resources.keep(key, make), prepared: opts.prepared ?? NOTHING_PREPARED };
}

function compileEndpoint(loaded: LoadedEndpoint, opts: CompileOptions, services: CompileServices, issues: ConfigIssue[]): CompiledEndpoint | null {
  const { def, locate } = loaded;
  const before = issues.length;
  const ctx: CompileContext = {
    def,
    loaded,
    locate,
    now: opts.now,
    globalLatencyMs: opts.globalLatencyMs ?? 0,
    seed: opts.seed,
    shared: new Map(),
    settings: opts.settings ?? NO_SETTINGS,
    services,
    compileAnswer(src, prefix) {
      const result = compileResponse(src, locate, prefix);
      return result.ok ? { ok: true, value: result.response } : result;
    },
  };
  const stages: Stage[] = [];
  for (const behaviour of opts.behaviours ?? BEHAVIOURS) {
    const result = behaviour.compile(ctx);
    if (!result.ok) issues.push(...result.issues);
    else if (result.value) stages.push(result.value);
  }
  const chosen = chooseResponder(loaded, opts.responders ?? RESPONDERS, issues);
  const compiled = chosen?.compile(ctx);
  if (compiled && !compiled.ok) issues.push(...compiled.issues);
  if (issues.length > before || !compiled?.ok || !compiled.value) return null;
  const responder = compiled.value;

  const seeds = { chaos: deriveSeed(opts.seed, `${def.name}#chaos`), template: deriveSeed(opts.seed, `${def.name}#template`) };
  return {
    name: def.name,
    plainPlan: stages.length === 0 ? responder.plain : null,
    stages,
    responder,
    random: { chaos: createRandom(seeds.chaos), template: createRandom(seeds.template) },
    method: def.method,
    path: def.path,
    priority: def.priority ?? 0,
    order: loaded.order,
    match: def.match,
    whenState: typeof def.scenario === 'string' && typeof def.when_state === 'string' ? { scenario: def.scenario, state: def.when_state } : undefined,
    locate,
    def,
    source: loaded.source,
    seeds,
  };
}

/**
 * The matcher's entries: each endpoint on its own route, or on the routes its responder names (a CRUD
 * collection's path and `path/:id`, any method): one entry per route, sharing the compiled endpoint's parts.
 */
function withRoutes(endpoints: CompiledEndpoint[]): CompiledEndpoint[] {
  const out: CompiledEndpoint[] = [];
  for (const ep of endpoints) {
    const routes = ep.responder.routes;
    if (routes === undefined || routes.length === 0) {
      out.push(ep);
      continue;
    }
    ep.method = routes[0].method;
    ep.path = routes[0].path;
    out.push(ep);
    for (const route of routes.slice(1)) out.push({ ...ep, method: route.method, path: route.path });
  }
  return out;
}

/** Compiles every endpoint (templates, schemas, behaviours) and the route index, or returns every problem found. */
export function compileEndpointSet(loaded: readonly LoadedEndpoint[], opts: CompileOptions): CompileResult {
  const issues: ConfigIssue[] = [];
  const endpoints: CompiledEndpoint[] = [];
  const resources = opts.resources ?? new Resources();
  const services = servicesOf(opts, resources);
  for (const item of loaded) {
    const ep = compileEndpoint(item, opts, services, issues);
    if (ep) endpoints.push(ep);
  }
  const settings = opts.settings ?? NO_SETTINGS;
  const sessions = settings.sessions as { header?: string; max?: number } | undefined;
  const store = opts.store ?? new MemoryStore(sessions?.max);
  const sessionHeader = (sessions?.header ?? DEFAULT_SESSION_HEADER).toLowerCase();
  const hooks: ServerHooks[] = [];
  const settingsLocate = opts.settingsLocate ?? (() => ({ file: 'mockdock.yaml', line: 1, col: 1 }));
  for (const capability of opts.settingsCapabilities ?? SETTINGS) {
    const result = capability.compile?.({ settings, locate: settingsLocate, now: opts.now, services, seed: opts.seed, store, endpoints: loaded, sessionHeader });
    if (result && !result.ok) issues.push(...result.issues);
    else if (result?.value) hooks.push(result.value);
  }
  const warnings: ConfigIssue[] = [];
  for (const capability of [...(opts.behaviours ?? BEHAVIOURS), ...(opts.responders ?? RESPONDERS)]) warnings.push(...(capability.review?.(loaded) ?? []));
  const routed = withRoutes(endpoints);
  const matched = compileMatcher(routed);
  if (!matched.ok) issues.push(...matched.issues);
  if (issues.length > 0 || !matched.ok) return { ok: false, issues: orderIssues(issues, opts.files ?? []) };
  // Positions are only needed while compiling; drop them so the parsed documents can be freed.
  for (const ep of routed) {
    const source = ep.source;
    ep.locate = () => source;
  }
  return {
    ok: true,
    set: {
      endpoints,
      matcher: matched.matcher,
      files: opts.files ?? [],
      globalLatencyMs: opts.globalLatencyMs ?? 0,
      loadedAt: opts.now,
      store,
      hooks: {
        request: hooks.filter((h) => h.onRequest).map((h) => h.onRequest!.bind(h)),
        answer: hooks.filter((h) => h.onAnswer).map((h) => h.onAnswer!.bind(h)),
        fallback: hooks.find((h) => h.fallback)?.fallback?.bind(hooks.find((h) => h.fallback)) ?? null,
        files: hooks.flatMap((h) => h.files ?? []),
      },
      resources,
      sessionHeader,
      warnings: orderIssues(warnings, opts.files ?? []),
      scenarios: scenarioCatalog(endpoints.map((ep) => ep.def)),
      settings,
    },
  };
}
