/** The `graphql` key of an endpoint, as written in a config file. */
import type { FailureSpec, LatencySpec } from '../model/endpoint';

export interface GraphqlOperationSpec {
  /** The operation's name, as the client sends it. */
  operation: string;
  /** Partial deep-equal against the request's variables. */
  variables?: Record<string, unknown>;
  /** The whole `data` object (or part of it: missing fields are mocked); null with `errors`. */
  data?: Record<string, unknown> | null;
  errors?: Array<Record<string, unknown>>;
  latency_ms?: LatencySpec;
  failure_rate?: number;
  failure?: FailureSpec | FailureSpec[];
}

export interface GraphqlSubscriptionSpec {
  /** A root field of the Subscription type. */
  subscription: string;
  every_ms?: number;
  /** The whole `data` object of each event, completed by the auto-mocks. */
  data?: Record<string, unknown>;
  /** Events sent before the subscription completes; without it the stream runs until the client stops it. */
  times?: number;
}

export interface GraphqlSpec {
  /** SDL file, relative to the config root. */
  schema_file?: string;
  /** Inline SDL. */
  schema?: string;
  /** Per type: a scalar or enum type's value, or an object type's field values (templates allowed). */
  mocks?: Record<string, unknown>;
  /** Items in auto-mocked lists (default 2). */
  list_length?: number;
  operations?: GraphqlOperationSpec[];
  subscriptions?: GraphqlSubscriptionSpec[];
  /** Default true. */
  introspection?: boolean;
}

/** Reads a file relative to the config root (never outside it). */
export type ReadConfigFile = (path: string) => { ok: true; path: string; content: Buffer | string } | { ok: false; message: string };
