/** Carries out failures that are not a plain HTTP status, on the raw socket. */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { InFlight } from './in-flight';

/** TCP reset: the client sees ECONNRESET. */
export function resetSocket(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

/** Closes the connection without sending anything. */
export function closeEmpty(socket: Socket): void {
  socket.end();
  socket.destroy();
}

/** Never answers: keeps the socket until the client gives up or the server stops. */
export function holdOpen(socket: Socket, inFlight: InFlight): void {
  socket.setTimeout(0);
  inFlight.hold(socket);
}

/** A status line and headers, then a chunked body whose chunk size is not hex: clients fail to parse it. */
export function sendMalformed(socket: Socket, status: number, contentType: string | undefined): void {
  const head =
    `HTTP/1.1 ${status} OK\r\n` +
    (contentType ? `Content-Type: ${contentType}\r\n` : '') +
    'Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n';
  socket.end(`${head}zz\r\n{"truncated\r\n`);
}

/** Headers at once, then the body in pieces spread over `durationMs`. Resolves when the body is sent. */
export function sendSlowBody(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  durationMs: number,
  inFlight: InFlight,
): Promise<void> {
  const pieces = Math.max(1, Math.min(body.length, 10));
  const size = Math.ceil(body.length / pieces);
  res.writeHead(status, { ...headers, 'content-length': String(body.length) });
  res.flushHeaders();
  return new Promise((resolve) => {
    let sent = 0;
    const step = () => {
      if (res.destroyed) return resolve();
      const chunk = body.subarray(sent, sent + size);
      sent += chunk.length;
      if (sent >= body.length) {
        res.end(chunk);
        return resolve();
      }
      res.write(chunk);
      inFlight.timer(step, durationMs / pieces);
    };
    inFlight.timer(step, durationMs / pieces);
  });
}
