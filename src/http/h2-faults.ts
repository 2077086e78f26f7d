/**
 * Faults over HTTP/2: one connection carries many streams, so a fault ends the request's stream (RST_STREAM), never the
 * shared connection. `reset` is an RST_STREAM with INTERNAL_ERROR; `malformed` sends a truncated body and then a
 * PROTOCOL_ERROR reset, since HTTP/2 framing cannot be garbled from inside one stream.
 */
import http2, { type Http2ServerResponse, type ServerHttp2Stream } from 'node:http2';
import type { FailureKind } from '../model/endpoint';
import type { InFlight } from './in-flight';

const { NGHTTP2_INTERNAL_ERROR, NGHTTP2_PROTOCOL_ERROR, NGHTTP2_CANCEL } = http2.constants;

/** The faults that act on the connection rather than on the answer (slow_body and status failures need nothing special). */
export function isStreamFault(kind: FailureKind | undefined): boolean {
  return kind === 'reset' || kind === 'empty' || kind === 'timeout' || kind === 'malformed';
}

export function carryOutStreamFault(
  res: Http2ServerResponse,
  kind: FailureKind,
  status: number,
  contentType: string | undefined,
  inFlight: InFlight,
): void {
  const stream: ServerHttp2Stream = res.stream;
  switch (kind) {
    case 'reset':
      stream.close(NGHTTP2_INTERNAL_ERROR);
      return;
    case 'empty':
      // no headers, no body: the stream is cancelled before anything was sent
      stream.close(NGHTTP2_CANCEL);
      return;
    case 'timeout':
      inFlight.hold(stream);
      return;
    case 'malformed':
      res.writeHead(status, contentType ? { 'content-type': contentType } : {});
      res.write('{"truncated', () => stream.close(NGHTTP2_PROTOCOL_ERROR));
      return;
    default:
      stream.close(NGHTTP2_INTERNAL_ERROR);
  }
}
