/** Which headers cross the proxy: hop-by-hop ones never do; the upstream's Host is set, and X-Forwarded-* are added. */
import type { MockRequest } from '../../model/request';

/** RFC 9110 §7.6.1 hop-by-hop headers (plus the old Proxy-Connection), and Expect, which the client library answers itself. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'trailers', 'transfer-encoding', 'upgrade']);

/** Headers named by `Connection` are hop-by-hop too. */
function connectionNamed(value: string | string[] | undefined): Set<string> | null {
  if (value === undefined || value === 'keep-alive' || value === 'close') return null;
  const text = Array.isArray(value) ? value.join(',') : value;
  const names = text.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '' && s !== 'close' && s !== 'keep-alive');
  return names.length > 0 ? new Set(names) : null;
}

/**
 * The headers sent upstream. The body goes as the bytes mockdock read, with a length the client library
 * computes; `inflated` is true when those bytes were decompressed to parse them, so the Content-Encoding is dropped too.
 */
export function requestHeaders(req: MockRequest, extra: Record<string, string>, inflated: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  const named = connectionNamed(req.headers.connection);
  for (const name of Object.keys(req.headers)) {
    if (HOP_BY_HOP.has(name) || name === 'host' || name === 'expect' || named?.has(name)) continue;
    if (name === 'content-length' || (inflated && name === 'content-encoding')) continue;
    out[name] = req.headers[name];
  }
  const host = req.headers.host;
  const forwardedFor = req.headers['x-forwarded-for'];
  out['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${req.ip}` : req.ip;
  out['x-forwarded-proto'] = req.headers['x-forwarded-proto'] ?? 'http';
  if (host !== undefined) out['x-forwarded-host'] = req.headers['x-forwarded-host'] ?? host;
  Object.assign(out, extra);
  return out;
}

/**
 * The upstream's answer headers as mockdock sends them on. Repeated headers come as lists: Set-Cookie stays a
 * list (Node writes one line per cookie); the others are joined as HTTP allows.
 */
export function answerHeaders(upstream: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  const named = connectionNamed(upstream.connection);
  for (const name of Object.keys(upstream)) {
    const value = upstream[name];
    if (value === undefined || HOP_BY_HOP.has(name) || named?.has(name)) continue;
    // ResponsePlan headers are text; Node's writeHead takes a list for the one header that cannot be joined.
    out[name] = Array.isArray(value) ? (name === 'set-cookie' ? (value as unknown as string) : value.join(', ')) : value;
  }
  return out;
}
