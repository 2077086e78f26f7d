/** The request journal behind /__logs: a ring buffer, so memory stays bounded however long it runs. */
import type { LogEntry } from '../model/log-entry';

export const MAX_LOGGED_BODY_BYTES = 64 * 1024;

export interface LogFilter {
  method?: string;
  path?: string;
  status?: string;
  endpoint?: string;
  limit?: number;
}

/** What the log stores: the time as a number, formatted only when someone reads the log. */
export type StoredEntry = Omit<LogEntry, 'id' | 'time'> & { id?: number; timeMs: number; bodyIsJsonText?: boolean };

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function present(e: StoredEntry): LogEntry {
  const { timeMs, bodyIsJsonText, ...rest } = e;
  const body = bodyIsJsonText ? parseOr(e.body as string) : e.body;
  return { ...rest, id: e.id as number, time: new Date(timeMs).toISOString(), body } as LogEntry;
}

export class RequestLog {
  private readonly entries: Array<StoredEntry | undefined>;
  private next = 0;
  private count = 0;
  private nextId = 1;

  constructor(readonly capacity: number) {
    this.entries = new Array(Math.max(0, capacity));
  }

  get size(): number {
    return this.count;
  }

  /** Takes an entry without its id; returns the id given. */
  add(entry: StoredEntry): number {
    const id = this.nextId++;
    if (this.capacity === 0) return id;
    entry.id = id;
    this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    return id;
  }

  clear(): void {
    this.entries.fill(undefined);
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
      const index = (this.next - 1 - i + this.capacity) % this.capacity;
      const e = this.entries[index];
      if (!e) continue;
      if (method && e.method !== method) continue;
      if (filter.path !== undefined && (prefix !== undefined ? !e.path.startsWith(prefix) : e.path !== filter.path)) continue;
      if (filter.status !== undefined && String(e.status) !== filter.status) continue;
      if (filter.endpoint !== undefined && e.endpoint !== filter.endpoint) continue;
      out.push(present(e));
    }
    return out;
  }
}

/** A request body as the log keeps it: JSON as its text (parsed again when read), anything else as it came. */
export interface LoggedBody {
  body: unknown;
  bodyIsJsonText?: boolean;
}

/**
 * What the log keeps of a body, cut at 64 KiB (a cut body stays text, with a marker saying how much
 * was dropped). A JSON body is kept as its text, which is far smaller in memory than the parsed
 * value, and parsed again only when /__logs is read.
 */
export function bodyForLog(parsed: unknown, raw: string | undefined, isJson: boolean): LoggedBody {
  if (raw === undefined) return { body: parsed === undefined ? null : parsed };
  const bytes = raw.length <= MAX_LOGGED_BODY_BYTES / 3 ? raw.length : Buffer.byteLength(raw);
  if (bytes <= MAX_LOGGED_BODY_BYTES) {
    if (parsed === undefined || typeof parsed === 'string') return { body: raw || null };
    return isJson ? { body: raw, bodyIsJsonText: true } : { body: parsed };
  }
  const cut = Buffer.from(raw).subarray(0, MAX_LOGGED_BODY_BYTES).toString('utf8');
  return { body: `${cut}…[truncated ${bytes - MAX_LOGGED_BODY_BYTES} bytes]` };
}
