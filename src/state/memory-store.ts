/** The default state store: plain maps in this process, one per session, the least recently used session dropped past `maxSessions`. */
import type { ScopedState, StateStore, WindowHit } from '../model/state';
import { MAX_KEYS_PER_WINDOW } from '../util/limits';


const DEFAULT_SESSION = '\u0000default';

interface Window {
  end: number;
  buckets: Map<string, number>;
}

type SessionData = Map<string, unknown>;

export class MemoryStore implements StateStore {
  readonly health = 'up' as const;
  readonly shared = false;
  private readonly channels = new Map<string, Array<(message: string) => void>>();
  private readonly data = new Map<string, SessionData>();
  private readonly resets = new Map<string, number>();
  private allResetAt = 0;

  constructor(private readonly maxSessions = 1000) {}

  /** The map of one session; touching it makes it the most recently used. */
  private session(session: string | null): SessionData {
    const id = session ?? DEFAULT_SESSION;
    let found = this.data.get(id);
    if (found) {
      if (session !== null) {
        this.data.delete(id);
        this.data.set(id, found);
      }
      return found;
    }
    found = new Map();
    this.data.set(id, found);
    if (session !== null && this.data.size > this.maxSessions + (this.data.has(DEFAULT_SESSION) ? 1 : 0)) {
      for (const key of this.data.keys()) {
        if (key === DEFAULT_SESSION) continue;
        this.data.delete(key);
        break;
      }
    }
    return found;
  }

  scope(session: string | null, scope: string): ScopedState {
    const prefix = `${scope}\u0000`;
    const map = () => this.session(session);
    return {
      incr: (key, by = 1) => {
        const m = map();
        const k = prefix + key;
        const next = ((m.get(k) as number | undefined) ?? 0) + by;
        m.set(k, next);
        return next;
      },
      get: <T>(key: string) => map().get(prefix + key) as T | undefined,
      set: (key, value) => {
        map().set(prefix + key, value);
      },
      delete: (key) => {
        map().delete(prefix + key);
      },
      hitWindow: (key, client, windowMs, limit, now): WindowHit => {
        const m = map();
        const k = prefix + key;
        let w = m.get(k) as Window | undefined;
        if (!w || now >= w.end) {
          w = { end: now + windowMs, buckets: new Map() };
          m.set(k, w);
        }
        let used = w.buckets.get(client);
        if (used === undefined) {
          if (w.buckets.size >= MAX_KEYS_PER_WINDOW) w.buckets.delete(w.buckets.keys().next().value as string);
          used = 0;
        }
        const allowed = used < limit;
        if (allowed) w.buckets.set(client, ++used);
        return { allowed, used, windowEnd: w.end };
      },
    };
  }

  resetAt(session: string | null): number {
    return Math.max(this.allResetAt, this.resets.get(session ?? DEFAULT_SESSION) ?? 0);
  }

  reset(now: number, session?: string | null): void {
    if (session === undefined) {
      this.data.clear();
      this.resets.clear();
      this.allResetAt = now;
      return;
    }
    const id = session ?? DEFAULT_SESSION;
    this.data.delete(id);
    this.resets.delete(id);
    this.resets.set(id, now);
    if (this.resets.size > this.maxSessions + 1) this.resets.delete(this.resets.keys().next().value as string);
  }

  sessions(): Array<string | null> {
    return [...this.data.keys()].map((k) => (k === DEFAULT_SESSION ? null : k));
  }

  /** Sessions held now (for tests and /__health). */
  get size(): number {
    return this.data.size;
  }

  publish(channel: string, message: string): void {
    for (const listener of this.channels.get(channel) ?? []) listener(message);
  }

  subscribe(channel: string, listener: (message: string) => void): void {
    this.channels.set(channel, [...(this.channels.get(channel) ?? []), listener]);
  }

  close(): void {
    this.data.clear();
  }
}
