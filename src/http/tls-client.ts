/**
 * mTLS: the subject of the client certificate a request came with ("CN=alice, O=Example"), for its log entry. Read once
 * per connection (HTTP/1.1) or session (HTTP/2).
 */
import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import type { TLSSocket } from 'node:tls';

/** By connection (HTTP/1.1) or session (HTTP/2): a certificate does not change within one. */
const subjects = new WeakMap<object, string | null>();

function subjectOf(socket: TLSSocket): string | null {
  const cert = socket.getPeerX509Certificate?.();
  return cert ? cert.subject.split('\n').filter(Boolean).join(', ') : null;
}

/**
 * The client certificate's subject, or undefined without one. A TLS connection has one only when the server
 * asks for client certificates (`--tls-ca`); a plain connection is passed over at the cost of one property read.
 */
export function clientSubject(req: IncomingMessage): string | undefined {
  const h2 = req.httpVersionMajor === 2 ? (req as unknown as Http2ServerRequest).stream.session : null;
  const socket = (h2 ? h2.socket : req.socket) as TLSSocket | undefined;
  if (!socket?.encrypted) return undefined;
  const key: object = h2 ?? socket;
  let subject = subjects.get(key);
  if (subject === undefined) {
    subject = subjectOf(socket);
    subjects.set(key, subject);
  }
  return subject ?? undefined;
}
