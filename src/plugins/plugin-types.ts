/** The types a plugin author writes against (`import type { Plugin } from 'mockdock/plugin'`); self-contained, shipped as a .d.ts. */

/** A JSON value: what a plugin may give as a body besides a string. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Something a plugin function may return at once or later. */
export type Awaitable<T> = T | Promise<T>;

/** The request as a plugin sees it. `onRequest` may change it in place; path, method, query and headers then decide matching. */
export interface PluginRequest {
  /** Upper-case. */
  method: string;
  /** Path as sent (percent-encoded), without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-case names; a header set under another spelling is lower-cased after the hook. */
  headers: Record<string, string>;
  /** Parsed body: JSON value, form object or text; undefined when there is none. */
  body: unknown;
  /** Path parameters of the matched endpoint (empty before matching). */
  params: Record<string, string>;
  /** The test session (`X-Mockdock-Session`), null for the default session. */
  session: string | null;
}

/** An answer a plugin gives: status 200, no extra headers and no body unless said. */
export interface PluginAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** A string goes out as it is (text/plain unless a content-type is given); any other value as JSON. */
  body?: JsonValue | unknown;
}

/** The answer `onResponse` sees: a JSON answer's body parsed, any other body as a string. */
export interface PluginResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** State of this endpoint (handlers) or of this plugin (hooks), in the request's session; reset by `POST /__reset`. */
export interface PluginState {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** Adds `by` (default 1) and gives the new value; a missing counter starts at 0. */
  increment(key: string, by?: number): Promise<number>;
  delete(key: string): Promise<void>;
}

export interface PluginLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface PluginContext {
  /** The matched endpoint; null in `onRequest` (before matching) and for answers no endpoint gave. */
  endpoint: { name: string; method: string; path: string } | null;
  params: Record<string, string>;
  state: PluginState;
  /** The seeded random source (`--seed`): a uniform number in [0, 1). */
  random: () => number;
  log: PluginLogger;
}

export type PluginHandler = (req: PluginRequest, ctx: PluginContext) => Awaitable<PluginAnswer>;

/** A plugin module's default export. */
export interface Plugin {
  /** Names the plugin in errors and logs. */
  name: string;
  /** Before matching: change `req` in place, or return an answer to answer the request. */
  onRequest?(req: PluginRequest, ctx: PluginContext): Awaitable<PluginAnswer | undefined | void>;
  /** On every mock answer: change `res` in place or return a new answer. */
  onResponse?(req: PluginRequest, res: PluginResponse, ctx: PluginContext): Awaitable<PluginAnswer | undefined | void>;
  /** Answers endpoints that say `handler: NAME`. */
  handlers?: Record<string, PluginHandler>;
}
