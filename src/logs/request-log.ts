/** The request journal behind /__logs: a ring buffer, so memory stays bounded however long it runs. */
import type { LogEntry } from '../model/log-entry';
import { BodyArena, type BodyRef } from './body-arena';

export const MAX_LOGGED_BODY_BYTES = 64 * 1024;

export interface LogFilter {
  method?: string;
  path?: string;
  status?: string;
  endpoint?: string;
  limit?: number;
}

/**
 * A request body as the log takes it: text (JSON is kept as its text and parsed again when read; it is far
 * smaller than the parsed value) or, for a form, the parsed value.
 */
export type LoggedBody = { body: unknown } | { text: string; bytes: number; json: boolean };

/** What the caller hands to add(): the entry without id, time string and body. */
export type NewEntry = Omit<LogEntry, 'id' | 'time' | 'body'> & { timeMs: number; logged: LoggedBody };

/** What the log keeps: the time as a number, the body text in the arena. */
interface StoredEntry extends Omit<NewEntry, 'logged'> {
  id: number;
  value: unknown;
  text: (BodyRef & { json: boolean }) | null;
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export class RequestLog {
  private readonly entries: Array<StoredEntry | undefined>;
  private readonly arena = new BodyArena();
  /** For the arena, when it grows and moves the bodies it holds. */
  private readonly held = (): Iterable<BodyRef> => this.heldTexts();
  private next = 0;
  private count = 0;
  private nextId = 1;

  constructor(readonly capacity: number) {
    this.entries = new Array(Math.max(0, capacity));
  }

  get size(): number {
    return this.count;
  }

  /** Bytes of the buffer holding body text (it grows to what the kept bodies need, then is reused). */
  get bodyBufferBytes(): number {
    return this.arena.capacity;
  }

  /** Returns the id given. */
  add(entry: NewEntry): number {
    const id = this.nextId++;
    if (this.capacity === 0) return id;
    const evicted = this.count === this.capacity ? this.entries[this.next] : undefined;
    if (evicted) {
      this.entries[this.next] = undefined; // out of heldTexts() before the arena may move bodies
      if (evicted.text) this.arena.release(evicted.text);
    }
    const { logged, ...rest } = entry;
    const stored = rest as StoredEntry;
    stored.id = id;
    if ('text' in logged) {
      stored.value = null;
      stored.text = { ...this.arena.store(logged.text, logged.bytes, this.held), json: logged.json };
    } else {
      stored.value = logged.body;
      stored.text = null;
    }
    this.entries[this.next] = stored;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    return id;
  }

  clear(): void {
    this.entries.fill(undefined);
    this.arena.clear();
    this.next = 0;
    this.count = 0;
  }

  /** Newest first, filtered. */
  query(filter: LogFilter = {}): LogEntry[] {
    const out: LogEntry[] = [];
    const limit = filter.limit ?? Infinity;
    const method = filter.method?.toUpperCase();
    const prefix = filter.path?.endsWith('*') ? filter.path.slice(0, -1) : undefined;
    for (let i = 0; i < this.count && out.length < limit; i++) {
      const e = this.entries[(this.next - 1 - i + this.capacity) % this.capacity];
      if (!e) continue;
      if (method && e.method !== method) continue;
      if (filter.path !== undefined && (prefix !== undefined ? !e.path.startsWith(prefix) : e.path !== filter.path)) continue;
      if (filter.status !== undefined && String(e.status) !== filter.status) continue;
      if (filter.endpoint !== undefined && e.endpoint !== filter.endpoint) continue;
      out.push(this.present(e));
    }
    return out;
  }

  private present(e: StoredEntry): LogEntry {
    const { timeMs, value, text, ...rest } = e;
    let body = value;
    if (text) body = text.json ? parseOr(this.arena.read(text)) : this.arena.read(text);
    return { ...rest, time: new Date(timeMs).toISOString(), body };
  }

  /** Body refs held, oldest first (the order they sit in the arena). */
  private *heldTexts(): Iterable<BodyRef> {
    for (let i = this.count - 1; i >= 0; i--) {
      const e = this.entries[(this.next - 1 - i + this.capacity) % this.capacity];
      if (e?.text) yield e.text;
    }
  }
}

/** What the log keeps for a request without a body. */
export const NO_BODY: LoggedBody = { body: null };

/**
 * What the log keeps of a body, cut at 64 KiB (a cut body stays text, with a marker saying how much
 * was dropped).
 */
export function bodyForLog(parsed: unknown, raw: string | undefined, isJson: boolean): LoggedBody {
  if (raw === undefined) return parsed === undefined ? NO_BODY : { body: parsed };
  if (raw === '') return NO_BODY;
  const bytes = Buffer.byteLength(raw);
  if (bytes <= MAX_LOGGED_BODY_BYTES) {
    if (parsed === undefined || typeof parsed === 'string') return { text: raw, bytes, json: false };
    return isJson ? { text: raw, bytes, json: true } : { body: parsed };
  }
  const cut = `${Buffer.from(raw).subarray(0, MAX_LOGGED_BODY_BYTES).toString('utf8')}…[truncated ${bytes - MAX_LOGGED_BODY_BYTES} bytes]`;
  return { text: cut, bytes: Buffer.byteLength(cut), json: false };
}
