/**
 * The shape every capability plugs into. An endpoint compiles once per reload into conditions (matching),
 * an ordered list of behaviour stages and one responder. A stage may answer early, add headers, pick a
 * fault or a latency, or run something after the answer; the responder turns the request into an answer,
 * synchronously where it can and asynchronously where it must.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Random } from './clock';
import type { ConfigIssue } from './config-issue';
import type { CompiledResponse, ResponseSource } from './answer';
import type { EndpointDefinition, FailureKind, LoadedEndpoint, Locate } from './endpoint';
import type { MockRequest } from './request';
import type { ResponsePlan } from './response-plan';
import type { MaybePromise, ScopedState, StateStore } from './state';

/** Milliseconds to wait, drawn from the endpoint's chaos stream. */
export type DelaySampler = (random: Random) => number;

/** Everything one request carries through the pipeline. Stages write the mutable fields. */
export interface Exchange {
  readonly req: MockRequest;
  readonly params: Record<string, string>;
  readonly now: number;
  /** The test session (`X-Mockdock-Session`), null for the default session. */
  readonly session: string | null;
  /** The matched endpoint's name. */
  readonly endpoint: string;
  /** This endpoint's state in this session. */
  readonly state: ScopedState;
  /** The whole store, for state that is not the endpoint's own (scenarios, collections). */
  readonly store: StateStore;
  readonly random: { chaos: Random; template: Random };
  /** `--latency`: added to every delay drawn from `latency`. */
  readonly globalLatencyMs: number;
  /** Template variables added by stages (e.g. `jwt` claims), merged into what templates see. */
  vars: Record<string, unknown> | null;
  /** Headers every answer of this request carries (e.g. RateLimit-*). */
  headers: Record<string, string> | null;
  /** The latency this request gets; a responder may replace it (a sequence step's own latency). */
  latency: DelaySampler | null;
  /** A fault picked by a stage: the responder's answer is carried out with it (slow_body, reset …). */
  fault: { kind: FailureKind; durationMs?: number } | null;
  /** Extra fields for this request's log entry (e.g. `proxied_to`, `graphql`). */
  notes: Record<string, unknown> | null;
  /** Run after the answer went out (e.g. set_state, webhooks). */
  after: Array<(plan: ResponsePlan) => void> | null;
  /**
   * Change the responder's answer once it is made, in the order added (e.g. `cache`: an ETag from the body,
   * or a 304). Early answers of stages are not decorated.
   */
  decorate: Array<(plan: ResponsePlan) => ResponsePlan> | null;
}

/** What a stage returns: nothing to go on, or an answer that ends the pipeline here. */
export type StageOutcome = MaybePromise<ResponsePlan | undefined | void>;

export interface Stage {
  /** The behaviour's key, for traces and tests. */
  readonly name: string;
  run(x: Exchange): StageOutcome;
}

/** The raw connection of an upgrade request (WebSocket), handed to a responder that takes upgrades. */
export interface UpgradeIO {
  req: IncomingMessage;
  socket: Duplex;
  head: Buffer;
}

export interface Responder {
  respond(x: Exchange): MaybePromise<ResponsePlan>;
  /** Set by responders that take over an upgraded connection (WebSocket, graphql-ws). */
  upgrade?(x: Exchange, io: UpgradeIO): void;
  /**
   * The whole answer when it depends on nothing in the request (built once at load), else null:
   * an endpoint with no stages and a plain answer skips the pipeline.
   */
  readonly plain: Readonly<ResponsePlan> | null;
  /** Releases timers or connections when a reload replaces this endpoint. */
  close?(): void;
  /**
   * The routes this endpoint answers, when they are not just its own method and path (a CRUD collection
   * answers every method on its path and on `path/:id`). The first replaces the endpoint's own route.
   */
  readonly routes?: ReadonlyArray<{ method: string; path: string }>;
  /** Files it read besides the config files (relative to the config root): a change to one reloads the config. */
  readonly files?: readonly string[];
}

/** What the server lends capabilities while they compile: the config root's files and objects that outlive reloads. */
export interface CompileServices {
  /** The config root as given (a folder, or the single config file); null when compiling without one. */
  readonly root: string | null;
  /** A file relative to the config root (never outside it), read now: a CA bundle, a key. */
  readFile(relative: string): { ok: true; content: Buffer } | { ok: false; message: string };
  /** One object per key for the server's lifetime, made on first use (a connection pool, a recorder); closed at shutdown. */
  keep<T>(key: string, make: () => T): T;
  /** What asynchronous preparation made for this reload before compiling (e.g. the imported plugin modules), by name. */
  readonly prepared: ReadonlyMap<string, unknown>;
}

/** What a behaviour or responder is compiled with: its endpoint, where its keys sit, and the set's environment. */
export interface CompileContext {
  readonly def: LoadedEndpoint['def'];
  readonly loaded: LoadedEndpoint;
  readonly locate: Locate;
  /** When the set was loaded (ms since the epoch). */
  readonly now: number;
  /** Extra delay for every mocked answer (`--latency`). */
  readonly globalLatencyMs: number;
  /** The run's seed (`--seed`), for capabilities that derive reproducible values of their own. */
  readonly seed: number;
  /** Shared between the stages and the responder of one endpoint (e.g. the endpoint's own latency). */
  readonly shared: Map<string, unknown>;
  /** Server settings (`mockdock.yaml`), as validated. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly services: CompileServices;
  /** Compiles an answer (status, headers, templated body) placed at `pointerPrefix` inside the endpoint. */
  compileAnswer(src: ResponseSource, pointerPrefix: string): CompileResult<CompiledResponse>;
}

export type CompileResult<T> = { ok: true; value: T | null } | { ok: false; issues: ConfigIssue[] };

/** A JSON Schema fragment (the schema is the one source of truth for option shapes). */
export type SchemaFragment = Record<string, unknown>;

interface Definition {
  /** The endpoint keys this capability owns, with their schemas (merged into the config schema). */
  readonly keys: Readonly<Record<string, SchemaFragment>>;
  /** Named schema parts its keys refer to as `#/definitions/NAME`. */
  readonly definitions?: Readonly<Record<string, SchemaFragment>>;
  /** Whether `defaults` may set these keys (default true). */
  readonly inDefaults?: boolean;
  /**
   * Checks across the whole set (e.g. a `when_state` no endpoint leads to), run once per load on the loaded
   * endpoints. Returns warnings: they are reported with file and line but never fail the load.
   */
  review?(endpoints: readonly LoadedEndpoint[]): ConfigIssue[];
}

export interface BehaviourDefinition extends Definition {
  readonly name: string;
  /** Null when the endpoint does not use this behaviour: it then costs nothing per request. */
  compile(ctx: CompileContext): CompileResult<Stage>;
}

export interface ResponderDefinition extends Definition {
  readonly name: string;
  /** True when this responder answers the endpoint (it has this responder's key). */
  claims(def: EndpointDefinition): boolean;
  compile(ctx: CompileContext): CompileResult<Responder>;
}

/** Hooks a server-wide capability adds around every mocked request (CORS, plugins, the fallback proxy). */
export interface ServerHooks {
  /** Before matching: may change the request in place, or answer it (a CORS preflight, a plugin). */
  onRequest?(req: MockRequest, now: number): MaybePromise<ResponsePlan | undefined | void>;
  /** On every mock answer before it goes out: may change it in place or return a new one. */
  onAnswer?(req: MockRequest, plan: ResponsePlan): MaybePromise<ResponsePlan | undefined | void>;
  /** Answers a request no endpoint matches, instead of the 404 (the fallback proxy). */
  fallback?(req: MockRequest, now: number): MaybePromise<ResponsePlan | undefined>;
  /** Files the capability read besides the config files (relative to the config root): a change to one reloads the config. */
  readonly files?: readonly string[];
}

/** What a settings capability is compiled with. */
export interface SettingsContext {
  /** The settings as validated, flags already applied. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Where a settings key sits in mockdock.yaml (pointer relative to the file), for errors. */
  readonly locate: Locate;
  readonly now: number;
  readonly services: CompileServices;
  /** The run's seed (`--seed`), for reproducible random sources of its own. */
  readonly seed: number;
  /** Where state lives (the same store the endpoints use). */
  readonly store: StateStore;
  /** The endpoints of this set, as loaded. */
  readonly endpoints: readonly LoadedEndpoint[];
  /** The request header naming a session (lower case), as `sessions.header` sets it. */
  readonly sessionHeader: string;
}

/** A server-wide capability configured in `mockdock.yaml`: its keys' schemas and, optionally, hooks. */
export interface SettingsDefinition {
  readonly name: string;
  readonly keys: Readonly<Record<string, SchemaFragment>>;
  readonly definitions?: Readonly<Record<string, SchemaFragment>>;
  compile?(ctx: SettingsContext): CompileResult<ServerHooks>;
}
