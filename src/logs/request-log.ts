/** The request journal behind /__logs: a ring buffer, so memory stays bounded however long it runs. */
import { EventEmitter } from 'node:events';
import type { LogEntry } from '../model/log-entry';
import { BodyArena, type BodyRef } from './body-arena';

export const MAX_LOGGED_BODY_BYTES = 64 * 1024;

export interface LogFilter {
  method?: string;
  path?: string;
  status?: string;
  endpoint?: string;
  /** `null` for the default session. */
  session?: string | null;
  /** `outgoing`: webhooks mockdock sent; `incoming`: requests it received (entries without a direction). */
  direction?: string;
  limit?: number;
}

/** A stored entry keeps capability fields in `notes`; an entry as shown (the shared log's) has them on top. */
type Filterable = Pick<LogEntry, 'method' | 'path' | 'status' | 'endpoint'> & {
  session?: string | null;
  direction?: unknown;
  notes?: Record<string, unknown>;
};

/** The filters of /__logs as one predicate, for the log of this process and the shared one alike. */
export function logFilterTest(filter: LogFilter): (e: Filterable) => boolean {
  const method = filter.method?.toUpperCase();
  const prefix = filter.path?.endsWith('*') ? filter.path.slice(0, -1) : undefined;
  return (e) => {
    if (method && e.method !== method) return false;
    if (filter.path !== undefined && (prefix !== undefined ? !e.path.startsWith(prefix) : e.path !== filter.path)) return false;
    if (filter.status !== undefined && String(e.status) !== filter.status) return false;
    if (filter.endpoint !== undefined && e.endpoint !== filter.endpoint) return false;
    if (filter.session !== undefined && (e.session ?? null) !== filter.session) return false;
    if (filter.direction !== undefined && (e.notes?.direction ?? e.direction ?? 'incoming') !== filter.direction) return false;
    return true;
  };
}

/**
 * A request body as the log takes it: text (JSON is kept as its text and parsed again when read; it is far
 * smaller than the parsed value) or, for a form, the parsed value.
 */
export type LoggedBody = { body: unknown } | { text: string; bytes: number; json: boolean };

/** What the caller hands to add(): the entry without id, time string and body. */
export type NewEntry = Omit<LogEntry, 'id' | 'time' | 'body' | 'response' | 'session'> & {
  session?: string | null;
  timeMs: number;
  logged: LoggedBody;
  /** The answer sent; its body is kept by reference when small (plans are never changed once sent). */
  answer?: LoggedAnswer | null;
  /** Fields a capability adds to the entry (e.g. `proxied_to`, `graphql`). */
  notes?: Record<string, unknown>;
};

/** An answer as the log keeps it. */
export interface LoggedAnswer {
  status: number;
  headers: Record<string, string>;
  /** Bytes of the body (up to 64 KiB), or null for a streamed body. */
  body: Buffer | null;
  /** The body's whole length. */
  bytes: number;
}

/**
 * What the log keeps: the entry as added (its `logged` then emptied), with the body either as a value or
 * as text in the arena. The entry is held, not copied: a copy leaving out `logged` (rest destructuring) was
 * the largest single cost of logging a request.
 */
interface StoredEntry {
  id: number;
  entry: NewEntry;
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

/**
 * A new entry handed to `live` listeners: what filters read, and the entry as /__logs shows it, made on first
 * read. A consumer that keeps only some entries (the batched stream under load) presents only those.
 */
export class LiveEntry {
  private shown: LogEntry | undefined;

  constructor(
    readonly raw: Filterable,
    private readonly show: () => LogEntry,
  ) {}

  get entry(): LogEntry {
    return (this.shown ??= this.show());
  }
}

/**
 * Emits `entry` (the entry as /__logs shows it) for each request added, and `live` (a LiveEntry, presented
 * only when read) for consumers that may skip most entries.
 */
export class RequestLog extends EventEmitter {
  private readonly entries: Array<StoredEntry | undefined>;
  private readonly arena = new BodyArena();
  /** For the arena, when it grows and moves the bodies it holds. */
  private readonly held = (): Iterable<BodyRef> => this.heldTexts();
  private next = 0;
  private count = 0;
  private nextId = 1;

  constructor(readonly capacity: number) {
    super();
    this.setMaxListeners(0);
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
    if (this.capacity === 0) {
      if (this.listenerCount('entry') > 0 || this.listenerCount('live') > 0) this.tell(new LiveEntry(entry, () => this.presentNew(id, entry, entry.logged)));
      return id;
    }
    const evicted = this.count === this.capacity ? this.entries[this.next] : undefined;
    if (evicted) {
      this.entries[this.next] = undefined; // out of heldTexts() before the arena may move bodies
      if (evicted.text) this.arena.release(evicted.text);
    }
    const logged = entry.logged;
    let stored: StoredEntry;
    if ('text' in logged) {
      const ref = this.arena.store(logged.text, logged.bytes, this.held);
      stored = { id, entry, value: null, text: { offset: ref.offset, length: ref.length, json: logged.json } };
    } else stored = { id, entry, value: logged.body, text: null };
    entry.logged = NO_BODY; // the text lives in the arena now: the string is not kept
    this.entries[this.next] = stored;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    // shown from the body as handed in: the arena's copy may be overwritten before a live consumer reads it
    if (this.listenerCount('entry') > 0 || this.listenerCount('live') > 0) this.tell(new LiveEntry(entry, () => this.presentNew(id, entry, logged)));
    return id;
  }

  private tell(live: LiveEntry): void {
    if (this.listenerCount('entry') > 0) this.emit('entry', live.entry);
    this.emit('live', live);
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
    const matches = logFilterTest(filter);
    for (let i = 0; i < this.count && out.length < limit; i++) {
      const e = this.entries[(this.next - 1 - i + this.capacity) % this.capacity];
      if (!e || !matches(e.entry)) continue;
      out.push(this.present(e));
    }
    return out;
  }

  /** A kept entry as /__logs shows it, its body read back from the arena. */
  private present(e: StoredEntry): LogEntry {
    const { value, text } = e;
    return shown(e.id, e.entry, text ? (text.json ? parseOr(this.arena.read(text)) : this.arena.read(text)) : value);
  }

  /** A new entry as live consumers see it, from the body it was added with (`entry.logged` is emptied once stored). */
  private presentNew(id: number, entry: NewEntry, logged: LoggedBody): LogEntry {
    return shown(id, entry, 'text' in logged ? (logged.json ? parseOr(logged.text) : logged.text) : logged.body);
  }

  /** Body refs held, oldest first (the order they sit in the arena). */
  private *heldTexts(): Iterable<BodyRef> {
    for (let i = this.count - 1; i >= 0; i--) {
      const e = this.entries[(this.next - 1 - i + this.capacity) % this.capacity];
      if (e?.text) yield e.text;
    }
  }
}

/** An entry as /__logs shows it: capability notes on top, the time as ISO text, the answer presented. */
function shown(id: number, entry: NewEntry, body: unknown): LogEntry {
  const { timeMs, logged: _logged, answer, notes, ...rest } = entry;
  return { ...notes, ...rest, id, session: rest.session ?? null, time: new Date(timeMs).toISOString(), body, response: presentAnswer(answer ?? null) };
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

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}

/** A logged answer as /__logs shows it: JSON bodies parsed, text as text, other bytes as base64. */
function presentAnswer(answer: LoggedAnswer | null): LogEntry['response'] {
  if (answer === null) return null;
  const { status, headers, body } = answer;
  if (body === null) return { status, headers, body: null };
  const type = headerOf(headers, 'content-type') ?? '';
  const cut = answer.bytes > body.length;
  const bytes = body;
  let shown: unknown;
  if (/^text\/|[/+](json|xml)|javascript|x-www-form-urlencoded/i.test(type) || type === '') {
    const text = bytes.toString('utf8');
    shown = !cut && /[/+]json/i.test(type) ? parseOr(text) : cut ? `${text}…[truncated ${answer.bytes - body.length} bytes]` : text;
  } else {
    shown = { base64: bytes.toString('base64'), ...(cut ? { truncated: answer.bytes - body.length } : {}) };
  }
  return { status, headers, body: shown };
}

/** What the log keeps of an answer: small bodies by reference, large ones cut to 64 KiB. */
export function answerForLog(status: number, headers: Record<string, string>, body: Buffer | null): LoggedAnswer {
  const bytes = body === null ? 0 : body.length;
  const kept = body !== null && bytes > MAX_LOGGED_BODY_BYTES ? Buffer.from(body.subarray(0, MAX_LOGGED_BODY_BYTES)) : body;
  return { status, headers, body: kept, bytes };
}
