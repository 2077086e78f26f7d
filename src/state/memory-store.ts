/** The default state store: plain maps in this process, one per session, the least recently used session dropped past `maxSessions`. */
import type { MapRecord, MapWriteCondition, MapWriteOutcome, ScopedState, StateStore, WindowHit } from '../model/state';
import { MAX_KEYS_PER_WINDOW } from '../util/limits';


const DEFAULT_SESSION = '\u0000default';

interface Window {
  end: number;
  buckets: Map<string, number>;
}

type SessionData = Map<string, unknown>;
type RecordMap = Map<string, MapRecord>;

/** Whether a write under `when` may go ahead over `old`; the outcome when it may not. */
function refused(old: MapRecord | undefined, when: MapWriteCondition): MapWriteOutcome | null {
  if (when === 'always') return null;
  if (when === 'absent') return old === undefined ? null : 'exists';
  if (old === undefined) return 'missing';
  return when === 'present' || old.tag === when.tag ? null : 'stale';
}

export class MemoryStore implements StateStore {
  readonly health = 'up' as const;
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
    const records = (key: string, create: boolean): RecordMap | undefined => {
      const m = map();
      let found = m.get(prefix + key) as RecordMap | undefined;
      if (found === undefined && create) m.set(prefix + key, (found = new Map()));
      return found;
    };
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
      mapGet: ((key: string, field: string) => records(key, false)?.get(field)) as ScopedState['mapGet'],
      mapValues: ((key: string) => [...(records(key, false)?.values() ?? [])]) as ScopedState['mapValues'],
      mapPut: (key, field, value, when) => {
        const m = records(key, true)!;
        const no = refused(m.get(field), when);
        if (no !== null) return no;
        m.set(field, value);
        return 'written';
      },
      mapDelete: (key, field, when) => {
        const m = records(key, false);
        const old = m?.get(field);
        const no = refused(old, when === 'always' ? 'present' : when);
        if (no !== null) return no;
        m!.delete(field);
        return 'written';
      },
      mapReplace: (key, entries) => {
        map().set(prefix + key, new Map(entries));
      },
      mapSize: (key) => records(key, false)?.size ?? 0,
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
    this.resets.set(id, now);
  }

  sessions(): Array<string | null> {
    return [...this.data.keys()].map((k) => (k === DEFAULT_SESSION ? null : k));
  }

  /** Sessions held now (for tests and /__health). */
  get size(): number {
    return this.data.size;
  }

  close(): void {
    this.data.clear();
  }
}
