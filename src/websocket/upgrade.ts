/** The WebSocket handshake on a raw upgrade socket: accept it, refuse it with an HTTP answer, or reset it. */
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';

/** One `ws` server per message-size limit (ws applies the limit per server); no compression, to keep idle connections small. */
export class Acceptor {
  private readonly servers = new Map<number, WebSocketServer>();

  accept(req: IncomingMessage, socket: Duplex, head: Buffer, maxPayload: number): Promise<WebSocket> {
    let server = this.servers.get(maxPayload);
    if (!server) {
      server = new WebSocketServer({ noServer: true, maxPayload, perMessageDeflate: false, clientTracking: false });
      this.servers.set(maxPayload, server);
    }
    const wss = server;
    return new Promise((resolve) => wss.handleUpgrade(req, socket, head, resolve));
  }
}

/** Answers the upgrade request with a plain HTTP response (a refused handshake) and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, headers: Record<string, string>, body: Buffer): void {
  if (socket.destroyed) return;
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower !== 'content-length' && lower !== 'connection' && lower !== 'transfer-encoding') lines.push(`${name}: ${value}`);
  }
  lines.push(`Content-Length: ${body.length}`, 'Connection: close', '', '');
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]));
}

/** Ends the handshake with a TCP reset, as the `reset` failure does for HTTP. */
export function resetUpgrade(socket: Duplex): void {
  const s = socket as Duplex & { resetAndDestroy?: () => void };
  if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
  else socket.destroy();
}

const NOT_FORWARDED = new Set([
  'host', 'connection', 'upgrade', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer',
  'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions', 'sec-websocket-protocol', 'content-length',
]);

/**
 * Opens the upstream side of a proxied connection before the client's handshake completes, so an
 * upstream that is down or refuses becomes an HTTP answer to the client. Resolves the open socket,
 * or a status (502 unreachable, the upstream's own status when it refused).
 */
export function connectUpstream(url: string, req: IncomingMessage, extra: Record<string, string>, timeoutMs = 30_000): Promise<WebSocket | { status: number; error: string }> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!NOT_FORWARDED.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  Object.assign(headers, extra);
  const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  return new Promise((resolve) => {
    const upstream = new WebSocket(url, protocols, { headers, perMessageDeflate: false, handshakeTimeout: timeoutMs });
    let settled = false;
    const settle = (value: WebSocket | { status: number; error: string }): void => {
      if (!settled) resolve(value);
      settled = true;
    };
    upstream.on('error', (err) => settle({ status: /timeout/i.test(err.message) ? 504 : 502, error: `upstream unreachable: ${err.message}` }));
    upstream.once('open', () => {
      // Held until the client side is accepted and listening, so nothing the upstream sends first is lost.
      upstream.pause();
      settle(upstream);
    });
    upstream.once('unexpected-response', (_req, res) => {
      res.resume();
      settle({ status: res.statusCode ?? 502, error: `upstream refused the WebSocket handshake with ${res.statusCode}` });
      upstream.terminate();
    });
  });
}
