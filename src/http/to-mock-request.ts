/** Node request (plus the parsed body, when there is one) → the framework-free MockRequest the core matches on. */
import type { IncomingMessage } from 'node:http';
import parseurl from 'parseurl';
import type { MockRequest } from '../model/request';
import { clientSubject } from './tls-client';

/** A query string as an object: one value stays a string, repeated keys become an array (as Koa reads it). */
export function parseQuery(search: string | null | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!search) return out;
  for (const [key, value] of new URLSearchParams(search)) {
    const had = Object.prototype.hasOwnProperty.call(out, key) ? out[key] : undefined;
    // defineProperty, so a key such as "__proto__" stays a plain key
    Object.defineProperty(out, key, {
      value: had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value],
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return out;
}

/** HTTP/2 headers as an HTTP/1.1 request would carry them: no pseudo-headers, and `host` from `:authority`. */
function h1Headers(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.charCodeAt(0) === 58 /* ":" */ || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const authority = headers[':authority'];
  if (out.host === undefined && typeof authority === 'string') out.host = authority;
  return out;
}

/** `body` is the parsed body, or undefined when the request has none. */
export function toMockRequest(req: IncomingMessage, body: unknown): MockRequest {
  const url = parseurl(req);
  const mock: MockRequest = {
    method: req.method ?? 'GET',
    // as sent: the matcher decodes each segment itself, so %2F stays inside its segment
    path: url?.pathname ?? '/',
    query: parseQuery(url?.query as string | null | undefined),
    headers: req.httpVersionMajor === 2 ? h1Headers(req.headers) : (req.headers as Record<string, string>),
    body,
    ip: req.socket.remoteAddress ?? '',
    target: req.url,
  };
  const client = clientSubject(req);
  if (client !== undefined) mock.tlsClient = client;
  return mock;
}
