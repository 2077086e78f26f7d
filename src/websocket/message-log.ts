/** The last messages of one WebSocket connection, bounded: 100 kept, each cut at 64 KiB; binary kept as base64. */

export const MAX_LOGGED_MESSAGES = 100;
export const MAX_LOGGED_MESSAGE_BYTES = 64 * 1024;

export type Direction = 'in' | 'out';

/** A message as `/__logs` shows it. */
export interface LoggedMessage {
  dir: Direction;
  data: string;
  time: string;
  /** Present on binary frames, whose data is base64. */
  encoding?: 'base64';
}

/** A message as a HAR entry's `_webSocketMessages` holds it (as browsers export them). */
export interface HarWebSocketMessage {
  type: 'send' | 'receive';
  /** Seconds since the epoch. */
  time: number;
  /** 1 text, 2 binary. */
  opcode: 1 | 2;
  data: string;
}

interface Kept {
  dir: Direction;
  /** Text as sent, or the bytes (decoded only when the log is read). */
  data: string | Buffer;
  binary: boolean;
  timeMs: number;
}

/** What is kept of a message: at most 64 KiB, and never a view that holds a larger buffer alive. */
function cut(data: string | Buffer): string | Buffer {
  if (typeof data === 'string') {
    // A string of this many UTF-16 units is at most 3x as many bytes; only long ones need measuring.
    if (data.length * 3 <= MAX_LOGGED_MESSAGE_BYTES) return data;
    const bytes = Buffer.from(data);
    return bytes.length <= MAX_LOGGED_MESSAGE_BYTES ? data : bytes.subarray(0, MAX_LOGGED_MESSAGE_BYTES).toString('utf8');
  }
  // A received frame may be a view into the socket's larger read buffer: copy so that is not kept alive.
  if (data.length > MAX_LOGGED_MESSAGE_BYTES) return Buffer.from(data.subarray(0, MAX_LOGGED_MESSAGE_BYTES));
  return data.byteLength === data.buffer.byteLength ? data : Buffer.from(data);
}

function shown(m: Kept): string {
  if (m.binary) return (typeof m.data === 'string' ? Buffer.from(m.data) : m.data).toString('base64');
  return typeof m.data === 'string' ? m.data : m.data.toString('utf8');
}

export class MessageLog {
  private kept: Kept[] | null = null;
  private next = 0;

  add(dir: Direction, data: string | Buffer, binary: boolean, timeMs: number): void {
    const item: Kept = { dir, data: cut(data), binary, timeMs };
    const kept = (this.kept ??= []);
    if (kept.length < MAX_LOGGED_MESSAGES) kept.push(item);
    else {
      kept[this.next] = item;
      this.next = (this.next + 1) % MAX_LOGGED_MESSAGES;
    }
  }

  /** Oldest first. */
  private ordered(): Kept[] {
    const kept = this.kept ?? [];
    return kept.length < MAX_LOGGED_MESSAGES ? kept : [...kept.slice(this.next), ...kept.slice(0, this.next)];
  }

  list(): LoggedMessage[] {
    return this.ordered().map((m) => ({ dir: m.dir, data: shown(m), time: new Date(m.timeMs).toISOString(), ...(m.binary ? { encoding: 'base64' as const } : {}) }));
  }

  /** `in` is what the client sent (HAR's `send`), `out` what it received. */
  har(): HarWebSocketMessage[] {
    return this.ordered().map((m) => ({ type: m.dir === 'in' ? 'send' : 'receive', time: m.timeMs / 1000, opcode: m.binary ? 2 : 1, data: shown(m) }));
  }

  /** So a log entry holding this log serialises with the messages as a plain list. */
  toJSON(): LoggedMessage[] {
    return this.list();
  }
}
