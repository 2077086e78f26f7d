/** `proxy: URL` or `{url, headers, timeout_ms, cache_s, ca_file, insecure}` → one checked upstream target, its problems placed at their keys. */
import type { ConfigIssue } from '../../model/config-issue';
import type { Locate } from '../../model/endpoint';
import type { CompileServices, SchemaFragment } from '../../model/pipeline';
import { issueAt } from '../../behaviours/issue';

export interface ProxySpec {
  url: string;
  headers?: Record<string, string>;
  timeout_ms?: number;
  cache_s?: number;
  ca_file?: string;
  insecure?: boolean;
}

export interface ProxyTarget {
  /** The upstream's origin, e.g. `http://127.0.0.1:8081`. */
  origin: string;
  /** The upstream URL's path without its trailing slash ('' for none): the request's path goes after it. */
  basePath: string;
  /** The URL as written, for messages. */
  url: string;
  /** Headers added to every forwarded request (lower-case names). */
  headers: Record<string, string>;
  timeoutMs: number;
  /** 0 when answers are not cached. */
  cacheS: number;
  /** An extra CA bundle (PEM) to trust, from `ca_file`. */
  ca: Buffer | null;
  insecure: boolean;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

const URL_SCHEMA: SchemaFragment = {
  type: 'string',
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
  description: 'The upstream base URL (http or https); the request path and query are appended to it.',
  examples: ['http://api.internal:8080', 'https://api.example.com/v2'],
};

/** The schema of `proxy` in an endpoint and in mockdock.yaml (`extra` adds keys only the settings form has). */
export function proxySchema(description: string, extra: Record<string, SchemaFragment> = {}, omit: readonly string[] = []): SchemaFragment {
  const properties: Record<string, SchemaFragment> = {
    url: URL_SCHEMA,
    headers: { description: 'Headers added to the forwarded request (they replace the client\'s of the same name).', type: 'object', propertyNames: { type: 'string', pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" }, additionalProperties: { $ref: '#/definitions/headerValue' } },
    timeout_ms: { description: 'No answer headers within this long: 504. Also the longest pause inside a body. Default: 30000.', type: 'number', exclusiveMinimum: 0, default: DEFAULT_TIMEOUT_MS },
    cache_s: { description: 'Keep upstream answers to GET and HEAD this many seconds (in memory, bounded; keyed by method, path and query). Default: 0 (off).', type: 'number', minimum: 0, default: 0 },
    ca_file: { description: 'A PEM file of CA certificates to trust for an https upstream, relative to the config root (the system CAs stay trusted).', type: 'string', minLength: 1 },
    insecure: { description: 'Do not verify the https upstream\'s certificate. Default: false.', type: 'boolean', default: false },
    ...extra,
  };
  for (const key of omit) delete properties[key];
  return {
    title: 'Proxy',
    description,
    anyOf: [
      URL_SCHEMA,
      {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties,
      },
    ],
  };
}

export type TargetResult = { ok: true; target: ProxyTarget } | { ok: false; issues: ConfigIssue[] };

/** Checks what the schema cannot (a URL that parses, a readable CA file) and reads the CA file once. */
export function compileTarget(value: string | ProxySpec, pointer: string, locate: Locate, services: CompileServices): TargetResult {
  const spec: ProxySpec = typeof value === 'string' ? { url: value } : value;
  const urlPointer = typeof value === 'string' ? pointer : `${pointer}/url`;
  let url: URL;
  try {
    url = new URL(spec.url);
  } catch {
    return { ok: false, issues: [issueAt(locate, urlPointer, `"${spec.url}" is not a valid URL`)] };
  }
  if (url.search || url.hash) return { ok: false, issues: [issueAt(locate, urlPointer, 'must not hold a query or a fragment: the request\'s own query is forwarded')] };
  let ca: Buffer | null = null;
  if (spec.ca_file !== undefined) {
    const read = services.readFile(spec.ca_file);
    if (!read.ok) return { ok: false, issues: [issueAt(locate, `${pointer}/ca_file`, `cannot be used: ${read.message}`)] };
    ca = read.content;
  }
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(spec.headers ?? {})) headers[name.toLowerCase()] = String(v);
  return {
    ok: true,
    target: {
      origin: url.origin,
      basePath: url.pathname.replace(/\/+$/, ''),
      url: spec.url,
      headers,
      timeoutMs: spec.timeout_ms ?? DEFAULT_TIMEOUT_MS,
      cacheS: spec.cache_s ?? 0,
      ca,
      insecure: spec.insecure === true,
    },
  };
}
