/** Compiles `websocket: {proxy: URL | {url, headers?}}`: where frames are passed to. */
import { keyName } from '../behaviours/issue';
import type { IssueSink } from '../streams/compile-text';

export interface CompiledProxy {
  /** ws: or wss: base; the request's path and query are appended, as HTTP proxying does. */
  base: URL;
  headers: Record<string, string>;
}

const SCHEMES: Record<string, string> = { 'ws:': 'ws:', 'wss:': 'wss:', 'http:': 'ws:', 'https:': 'wss:' };

export function compileProxy(spec: unknown, pointer: string, sink: IssueSink): CompiledProxy | null {
  const form = typeof spec === 'string' ? { url: spec } : spec;
  if (typeof form !== 'object' || form === null || Array.isArray(form) || typeof (form as { url?: unknown }).url !== 'string') {
    sink.add(pointer, `${keyName(pointer)} must be a URL (ws://host:port) or {url, headers?}`);
    return null;
  }
  const { url, headers = {} } = form as { url: string; headers?: unknown };
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    sink.add(pointer, `${keyName(pointer)} is not a URL: ${JSON.stringify(url)}`);
    return null;
  }
  const scheme = SCHEMES[base.protocol];
  if (!scheme) {
    sink.add(pointer, `${keyName(pointer)} must use ws:, wss:, http: or https: (got ${base.protocol})`);
    return null;
  }
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers) || !Object.values(headers).every((v) => typeof v === 'string')) {
    sink.add(`${pointer}/headers`, `${keyName(`${pointer}/headers`)} must map header names to strings`);
    return null;
  }
  base.protocol = scheme;
  return { base, headers: headers as Record<string, string> };
}

/** The upstream URL for one request: the base's path joined with the request's path, then its query. */
export function upstreamUrl(proxy: CompiledProxy, path: string, search: string): string {
  const basePath = proxy.base.pathname.replace(/\/+$/, '');
  return `${proxy.base.protocol}//${proxy.base.host}${basePath}${path}${search}`;
}
