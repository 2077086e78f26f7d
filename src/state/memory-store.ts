/** The default state store: plain maps in this process, one per session, the least recently used session dropped past `maxSessions`. */
import type { MapRecord, MapWriteCondition, MapWriteOutcome, MaybePromise, ScopedState, StateStore, WindowHit } from '../model/state';
import { MAX_KEYS_PER_WINDOW } from '../util/limits';


const DEFAULT_SESSION = '\u0000default';

interface Window {
  end: number;
  buckets: Map<string, number>;
}

/** A session's state: scope → key → value (nested, so no lookup builds a key string). */
type ScopeData = Map<string, unknown>;
type SessionData = Map<string, ScopeData>;
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
  readonly shared = false;
  private readonly channels = new Map<string, Array<(message: string) => void>>();
  private readonly data = new Map<string, SessionData>();
  private readonly resets = new Map<string, number>();
  private allResetAt = 0;

  constructor(private readonly maxSessions = 1000) {}

  /** The map of one session; touching it makes it the most recently used. */
  sessionData(session: string | null): SessionData {
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
    return new MemoryScope(this, session, scope);
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

/**
 * One scope of one session. A class rather than closures: a scope is made for every stateful request, and its
 * methods then cost nothing to create. The session's map is looked up on each call, so a scope never holds
 * on to a session the LRU has dropped or a reset has cleared.
 */
class MemoryScope implements ScopedState {
  constructor(
    private readonly store: MemoryStore,
    private readonly session: string | null,
    private readonly scope: string,
  ) {}

  /** This scope's map in its session; created only for a write. */
  private map(): ScopeData;
  private map(create: false): ScopeData | undefined;
  private map(create = true): ScopeData | undefined {
    const data = this.store.sessionData(this.session);
    let found = data.get(this.scope);
    if (found === undefined && create) data.set(this.scope, (found = new Map()));
    return found;
  }

  private records(key: string, create: boolean): RecordMap | undefined {
    const m = create ? this.map() : this.map(false);
    let found = m?.get(key) as RecordMap | undefined;
    if (found === undefined && create) m!.set(key, (found = new Map()));
    return found;
  }

  incr(key: string, by = 1): number {
    const m = this.map();
    const next = ((m.get(key) as number | undefined) ?? 0) + by;
    m.set(key, next);
    return next;
  }

  get<T = unknown>(key: string): T | undefined {
    return this.map(false)?.get(key) as T | undefined;
  }

  set(key: string, value: unknown): void {
    this.map().set(key, value);
  }

  delete(key: string): void {
    this.map(false)?.delete(key);
  }

  hitWindow(key: string, client: string, windowMs: number, limit: number, now: number): WindowHit {
    const m = this.map();
    let w = m.get(key) as Window | undefined;
    if (!w || now >= w.end) {
      w = { end: now + windowMs, buckets: new Map() };
      m.set(key, w);
    }
    let used = w.buckets.get(client);
    if (used === undefined) {
      if (w.buckets.size >= MAX_KEYS_PER_WINDOW) w.buckets.delete(w.buckets.keys().next().value as string);
      used = 0;
    }
    const allowed = used < limit;
    if (allowed) w.buckets.set(client, ++used);
    return { allowed, used, windowEnd: w.end };
  }

  mapGet<T extends MapRecord>(key: string, field: string): MaybePromise<T | undefined> {
    return this.records(key, false)?.get(field) as T | undefined;
  }

  mapValues<T extends MapRecord>(key: string): T[] {
    return [...(this.records(key, false)?.values() ?? [])] as T[];
  }

  mapPut(key: string, field: string, value: MapRecord, when: MapWriteCondition): MapWriteOutcome {
    const m = this.records(key, true)!;
    const no = refused(m.get(field), when);
    if (no !== null) return no;
    m.set(field, value);
    return 'written';
  }

  mapDelete(key: string, field: string, when: MapWriteCondition): MapWriteOutcome {
    const m = this.records(key, false);
    const no = refused(m?.get(field), when === 'always' ? 'present' : when);
    if (no !== null) return no;
    m!.delete(field);
    return 'written';
  }

  mapReplace(key: string, entries: ReadonlyArray<readonly [string, MapRecord]>): void {
    this.map().set(key, new Map(entries));
  }

  mapSize(key: string): number {
    return this.records(key, false)?.size ?? 0;
  }
}
