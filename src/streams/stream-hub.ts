/**
 * The server's open WebSocket connections and SSE streams, with their counts for metrics: one per running
 * server, shared by the responders (which open them), the admin routes (which list and push) and shutdown.
 */
import type { Timers } from '../model/timers';
import type { LiveStream } from '../sse/live-stream';
import type { ConnectionObserver, LiveConnection } from '../websocket/live-connection';
import type { Direction } from '../websocket/message-log';
import { Acceptor } from '../websocket/upgrade';
import { LiveRegistry } from './live-registry';
import { realTimers } from './real-timers';

export interface MessageRow {
  endpoint: string;
  direction: Direction;
  count: number;
}

export class StreamHub implements ConnectionObserver {
  readonly connections = new LiveRegistry<LiveConnection>();
  readonly streams = new LiveRegistry<LiveStream>();
  readonly acceptor = new Acceptor();
  private readonly messages = new Map<string, { in: number; out: number }>();
  private readonly listeners: ConnectionObserver[] = [];

  constructor(readonly timers: Timers = realTimers) {}

  /** Others who want to hear of connections (the request log); returns how to stop listening. */
  listen(observer: ConnectionObserver): () => void {
    this.listeners.push(observer);
    return () => {
      const i = this.listeners.indexOf(observer);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  opened(conn: LiveConnection): void {
    for (const l of this.listeners) l.opened(conn);
  }

  message(conn: LiveConnection, dir: Direction): void {
    let row = this.messages.get(conn.endpoint);
    if (!row) this.messages.set(conn.endpoint, (row = { in: 0, out: 0 }));
    row[dir]++;
    for (const l of this.listeners) l.message(conn, dir);
  }

  closed(conn: LiveConnection, code: number): void {
    for (const l of this.listeners) l.closed(conn, code);
  }

  /** Open connections per endpoint, for `mockdock_ws_connections`. */
  connectionRows(): Array<{ endpoint: string; count: number }> {
    const counts = new Map<string, number>();
    for (const c of this.connections.all()) counts.set(c.endpoint, (counts.get(c.endpoint) ?? 0) + 1);
    for (const endpoint of this.messages.keys()) if (!counts.has(endpoint)) counts.set(endpoint, 0);
    return [...counts].map(([endpoint, count]) => ({ endpoint, count }));
  }

  /** Messages per endpoint and direction, for `mockdock_ws_messages_total`. */
  messageRows(): MessageRow[] {
    return [...this.messages].flatMap(([endpoint, row]) => [
      { endpoint, direction: 'in' as const, count: row.in },
      { endpoint, direction: 'out' as const, count: row.out },
    ]);
  }

  /** Shutdown: every WebSocket gets a close frame with `code` (1001, going away) and every event stream ends. */
  closeAll(code = 1001, reason = 'server shutting down'): void {
    for (const conn of this.connections.all()) conn.close(code, reason);
    for (const stream of this.streams.all()) stream.end();
  }

  /** Connections that did not finish their closing handshake in time are cut. */
  terminateAll(): void {
    for (const conn of this.connections.all()) conn.terminate();
  }
}
