/**
 * The request class of the TLS server's HTTP/2 streams. An HTTP/2 body needs no Content-Length (DATA frames carry it),
 * but every body reader (raw-body, koa-bodyparser, dispatch) looks for Content-Length or Transfer-Encoding to know
 * that a body follows; a stream that did not end with its headers is marked as chunked, which is what it is.
 */
import { Http2ServerRequest, type ServerHttp2Stream } from 'node:http2';
import type { IncomingHttpHeaders } from 'node:http';
import type { ReadableOptions } from 'node:stream';

export class Http2BodyAwareRequest extends Http2ServerRequest {
  constructor(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, options: ReadableOptions, rawHeaders: readonly string[]) {
    super(stream, headers, options, rawHeaders);
    if (!stream.endAfterHeaders && this.headers['content-length'] === undefined) this.headers['transfer-encoding'] = 'chunked';
  }
}
