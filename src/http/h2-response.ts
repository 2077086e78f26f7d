/**
 * The response class of the TLS server's HTTP/2 streams: HTTP/2 forbids connection-specific headers (Connection,
 * Keep-Alive, Transfer-Encoding, Upgrade …) and Node throws on them, so they are dropped here, once, for every
 * writer (mock answers, proxied answers, Koa's admin routes) instead of at each place that sets one.
 */
import { Http2ServerResponse } from 'node:http2';
import type { OutgoingHttpHeaders } from 'node:http';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'http2-settings']);

function withoutHopByHop(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  let out: OutgoingHttpHeaders | null = null;
  for (const name of Object.keys(headers)) {
    if (!HOP_BY_HOP.has(name.toLowerCase())) continue;
    out ??= { ...headers };
    delete out[name];
  }
  return out ?? headers;
}

export class Http2SafeResponse extends Http2ServerResponse {
  override setHeader(name: string, value: number | string | readonly string[]): void {
    if (HOP_BY_HOP.has(name.toLowerCase())) return;
    super.setHeader(name, value);
  }

  override writeHead(statusCode: number, ...rest: unknown[]): this {
    const [first, second] = rest;
    if (typeof first === 'string') return second && typeof second === 'object' && !Array.isArray(second) ? super.writeHead(statusCode, first, withoutHopByHop(second as OutgoingHttpHeaders)) : super.writeHead(statusCode, first);
    if (first && typeof first === 'object' && !Array.isArray(first)) return super.writeHead(statusCode, withoutHopByHop(first as OutgoingHttpHeaders));
    return super.writeHead(statusCode);
  }
}

// As on HTTP/1 responses: true once the stream is gone (the client went away, or a fault reset it). Node's class lacks it.
Object.defineProperty(Http2SafeResponse.prototype, 'destroyed', {
  get(this: Http2SafeResponse) {
    return this.stream.destroyed;
  },
});
