/** The one endpoint model: what config files, the admin API, the recorder and the OpenAPI import all produce. */

/** Delay before answering, in milliseconds. */
export type LatencySpec =
  | number
  | [number, number]
  | { distribution: 'normal'; mean: number; stddev: number }
  | { distribution: 'lognormal'; median: number; sigma: number }
  | { distribution: 'uniform'; min: number; max: number };

export type FailureKind = 'status' | 'reset' | 'timeout' | 'empty' | 'malformed' | 'slow_body';

export interface FailureSpec {
  kind?: FailureKind;
  /** For kind `status`: default 500. */
  status?: number;
  response?: unknown;
  headers?: Record<string, string>;
  /** For kind `slow_body`: how long the body takes to arrive. */
  duration_ms?: number;
  /** Relative share among the failure kinds of one endpoint (default 1). */
  weight?: number;
}

export interface OutageSpec {
  after_s: number;
  for_s: number;
  repeat_s?: number;
}

export interface SequenceStep {
  status?: number;
  response?: unknown;
  headers?: Record<string, string>;
  latency_ms?: LatencySpec;
}

export interface RateLimitSpec {
  limit: number;
  window_s: number;
  /** `ip` (default) or `header:NAME`. */
  key?: string;
}

export interface ValidateSpec {
  body?: Record<string, unknown> | boolean;
  query?: Record<string, unknown> | boolean;
  headers?: Record<string, unknown> | boolean;
  /** Path parameters by name (`/users/:id` → `id`), as text. */
  params?: Record<string, unknown> | boolean;
  status?: number;
}

/** `crud`: one endpoint serves a whole resource (list, get, create, replace, patch, delete). */
export interface CrudSpec {
  /** The items the collection starts with (and returns to on reset and reload). */
  seed?: unknown[];
  /** A JSON file (relative to the config root) holding the seed list. */
  seed_file?: string;
  /** The id field of an item (default "id"). */
  id?: string;
}

/** `cache`: ETag, Last-Modified and Cache-Control on answers, and 304 for conditional GET and HEAD. */
export interface CacheSpec {
  etag?: boolean;
  last_modified?: boolean;
  max_age_s?: number;
  private?: boolean;
}

export type StringCondition = string | { regex: string };

export interface MatchSpec {
  query?: Record<string, StringCondition>;
  headers?: Record<string, StringCondition>;
  /** Partial deep-equal against the parsed JSON body. */
  body?: unknown;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

/** An endpoint as written in a config file (after the file's `defaults` are merged in). */
export interface EndpointDefinition {
  path: string;
  method?: HttpMethod | string;
  name?: string;
  match?: MatchSpec;
  priority?: number;
  status?: number;
  headers?: Record<string, string>;
  response?: unknown;
  body_file?: string;
  latency_ms?: LatencySpec;
  failure_rate?: number;
  failure?: FailureSpec | FailureSpec[];
  every?: number;
  outage?: OutageSpec;
  sequence?: SequenceStep[];
  sequence_mode?: 'loop' | 'stick';
  rate_limit?: RateLimitSpec;
  validate?: ValidateSpec;
  webhooks?: WebhookSpec[];
  template?: boolean;
  /** The state machine this endpoint belongs to. */
  scenario?: string;
  /** Match only while the scenario is in this state. */
  when_state?: string;
  /** After answering, move the scenario to this state. */
  set_state?: string;
  crud?: CrudSpec;
  cache?: boolean | CacheSpec;
}

/** One entry of `webhooks`: a request sent after the answer; every string is a template seeing the triggering request. */
export interface WebhookSpec {
  url: string;
  /** Default POST. */
  method?: string;
  headers?: Record<string, string>;
  /** Any JSON value (sent as JSON) or a string (sent as text); none sends no body. */
  body?: unknown;
  /** Delay after the answer, in any form `latency_ms` takes. */
  delay_ms?: LatencySpec;
  /** Further attempts after a network error or a 5xx; default 0. */
  retries?: number;
}

/** Where a definition came from, for error messages. `file` is relative to the config root. */
export interface SourceRef {
  file: string;
  line: number;
  col: number;
}

/**
 * A definition ready to compile: defaults merged, `method` upper-cased and defaulted,
 * `name` filled in and unique, body file read.
 */
export interface LoadedEndpoint {
  def: EndpointDefinition & { method: string; name: string };
  source: SourceRef;
  /** Position in load order (0-based); ties in priority go to the lower order. */
  order: number;
  bodyFile?: { path: string; content: Buffer };
  /** Other files the endpoint's keys name (e.g. `crud.seed_file`), read at load, by the key's JSON pointer. */
  dataFiles?: Record<string, { path: string; content: Buffer }>;
  /**
   * Position of a value inside this endpoint, by JSON pointer relative to the endpoint
   * object (`''` is the endpoint itself, `/response/user/name` a nested value). Falls back to
   * the nearest enclosing value that has a position. Used only while compiling.
   */
  locate: (pointer: string) => SourceRef;
}

/** Finds where a value sits in the config, for error messages (see LoadedEndpoint.locate). */
export type Locate = (pointer: string) => SourceRef;
