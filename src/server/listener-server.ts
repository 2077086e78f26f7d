/**
 * The server mockdock listens with: plain HTTP/1.1, or with TLS one port that speaks HTTP/2 (ALPN "h2") and falls back
 * to HTTP/1.1 for clients that do not offer it. Both get the same request listener and the same shutdown steps.
 */
import http from 'node:http';
import http2 from 'node:http2';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { Http2SafeResponse } from '../http/h2-response';
import { Http2BodyAwareRequest } from '../http/h2-request';
import type { TlsMaterial } from '../tls/tls-files';

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface ListeningServer {
  readonly server: http.Server | http2.Http2SecureServer;
  readonly scheme: 'http' | 'https';
  /** Stops taking new requests on open connections: idle HTTP/1.1 sockets are closed, HTTP/2 sessions get GOAWAY. */
  closeIdle(): void;
  /** Ends every connection at once (a forced stop). */
  closeAll(): void;
}

export function createListeningServer(listener: Listener, tls: TlsMaterial | null): ListeningServer {
  if (tls === null) {
    const server = http.createServer(listener);
    server.keepAliveTimeout = 65_000; // longer than common client pools, so idle sockets are not cut under them
    return { server, scheme: 'http', closeIdle: () => server.closeIdleConnections(), closeAll: () => server.closeAllConnections() };
  }
  const server = http2.createSecureServer(
    {
      allowHTTP1: true,
      cert: tls.cert,
      key: tls.key,
      ...(tls.ca ? { ca: tls.ca, requestCert: true, rejectUnauthorized: true } : {}),
      Http2ServerRequest: Http2BodyAwareRequest,
      Http2ServerResponse: Http2SafeResponse,
    },
    // in compat mode the HTTP/2 request and response offer what the listener uses of Node's HTTP/1 ones
    listener as unknown as (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void,
  );
  const sessions = new Set<http2.ServerHttp2Session>();
  const sockets = new Set<Socket>();
  server.on('session', (session: http2.ServerHttp2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // a client that fails the handshake (no client certificate, an untrusted one) is its problem, not the server's
  server.on('tlsClientError', () => undefined);
  return {
    server,
    scheme: 'https',
    closeIdle() {
      // with allowHTTP1 Node tracks the HTTP/1.1 connections as an HTTP server does (its types do not say so)
      (server as unknown as http.Server).closeIdleConnections();
      for (const session of sessions) if (!session.closed) session.close();
    },
    closeAll() {
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
    },
  };
}
