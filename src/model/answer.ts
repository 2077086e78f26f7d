/** What an answer is compiled from and what rendering it yields: the types shared by responders and behaviours. */
import type { Random } from './clock';

/** The request data a template can read. Plain objects with own properties only. */
export interface TemplateContext {
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: unknown;
  method: string;
  /** Without the query string. */
  path: string;
}

/** Time and randomness for one render; a seeded `random` makes output reproducible. */
export interface RenderEnv {
  /** Epoch milliseconds. */
  now: number;
  /** Uniform in [0, 1). */
  random: Random;
}

export interface ResponseSource {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Any JSON value (sent as JSON) or a string (sent as text). */
  response?: unknown;
  bodyFile?: { path: string; content: Buffer };
  /** Default true; false sends every string exactly as written. */
  template?: boolean;
}

export interface RenderedResponse {
  headers: Record<string, string>;
  body: Buffer;
}

export interface CompiledResponse {
  readonly status: number;
  /** True when render() ignores its arguments (nothing is templated). */
  readonly isStatic: boolean;
  /** The result may be shared between calls: callers must not mutate its headers. */
  render(ctx: TemplateContext, env: RenderEnv): RenderedResponse;
}

