/** One open WebSocket as the rest of mockdock sees it: counted, logged, listed by `GET /__ws`, reachable by pushes. */
import type WebSocket from 'ws';
import type { Live } from '../streams/live-registry';
import type { ConnectionPort } from './connection-port';
import { type Direction, MessageLog } from './message-log';

/** What the server wires in: metrics and the request log hear of every connection and message. */
export interface ConnectionObserver {
  opened(conn: LiveConnection): void;
  message(conn: LiveConnection, dir: Direction): void;
  closed(conn: LiveConnection, code: number): void;
}

export interface ConnectionInfo {
  id: string;
  endpoint: string;
  path: string;
  session: string | null;
  /** The message log to fill, when the caller made it first (to hand it to the request log). */
  log?: MessageLog;
  /** The upgrade request's query and headers, for its log entry. */
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
}

/** `GET /__ws` lists these. */
export interface ConnectionSummary {
  id: string;
  endpoint: string;
  path: string;
  since: string;
  messages_in: number;
  messages_out: number;
}

const OPEN = 1;
const TEXT = Object.freeze({ binary: false });
const BINARY = Object.freeze({ binary: true });

export class LiveConnection implements Live, ConnectionPort {
  readonly id: string;
  readonly endpoint: string;
  readonly path: string;
  readonly session: string | null;
  readonly since: number;
  readonly log: MessageLog;
  readonly query: Record<string, string | string[]>;
  readonly headers: Record<string, string>;
  messagesIn = 0;
  messagesOut = 0;

  constructor(
    private readonly socket: WebSocket,
    info: ConnectionInfo,
    private readonly observer: ConnectionObserver,
    private readonly now: () => number,
  ) {
    this.id = info.id;
    this.endpoint = info.endpoint;
    this.path = info.path;
    this.session = info.session;
    this.log = info.log ?? new MessageLog();
    this.query = info.query ?? {};
    this.headers = info.headers ?? {};
    this.since = now();
  }

  get open(): boolean {
    return this.socket.readyState === OPEN;
  }

  /**
   * Sends to the client; false when the connection is no longer open. `wire`: the same message already
   * encoded, so a broadcast encodes it once for every connection.
   */
  send(data: string | Buffer, binary: boolean, wire?: Buffer): boolean {
    if (this.socket.readyState !== OPEN) return false;
    this.socket.send(wire ?? data, binary ? BINARY : TEXT);
    this.messagesOut++;
    this.log.add('out', data, binary, this.now());
    this.observer.message(this, 'out');
    return true;
  }

  /** Notes a message from the client. */
  received(data: Buffer, binary: boolean): void {
    this.messagesIn++;
    this.log.add('in', data, binary, this.now());
    this.observer.message(this, 'in');
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  terminate(): void {
    this.socket.terminate();
  }

  summary(): ConnectionSummary {
    return { id: this.id, endpoint: this.endpoint, path: this.path, since: new Date(this.since).toISOString(), messages_in: this.messagesIn, messages_out: this.messagesOut };
  }
}
