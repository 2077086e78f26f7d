/**
 * mTLS: the subject of the client certificate a request came with ("CN=alice, O=Example"), for its log entry. Read once
 * per connection (HTTP/1.1) or session (HTTP/2) and only when the server asks for client certificates.
 */
import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import type { TLSSocket } from 'node:tls';

let asking = false;
const subjects = new WeakMap<object, string | null>();

/** Called once by the server that requests client certificates (`--tls-ca`). */
export function recordClientCertificates(): void {
  asking = true;
}

function subjectOf(socket: TLSSocket): string | null {
  const cert = socket.getPeerX509Certificate?.();
  return cert ? cert.subject.split('\n').filter(Boolean).join(', ') : null;
}

/** The client certificate's subject, or undefined without mTLS or without a certificate. */
export function clientSubject(req: IncomingMessage): string | undefined {
  if (!asking) return undefined;
  const h2 = req.httpVersionMajor === 2 ? (req as unknown as Http2ServerRequest).stream.session : null;
  const key: object | undefined = h2 ?? req.socket;
  if (!key) return undefined;
  let subject = subjects.get(key);
  if (subject === undefined) {
    const socket = (h2 ? h2.socket : req.socket) as TLSSocket;
    subject = typeof socket.getPeerX509Certificate === 'function' ? subjectOf(socket) : null;
    subjects.set(key, subject);
  }
  return subject ?? undefined;
}
