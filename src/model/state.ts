/**
 * The one state interface every stateful piece goes through (sequences, `every`, outages, rate limits,
 * scenarios, CRUD data, sessions). In memory by default; a shared store (Redis) implements the same calls.
 * Results may be promises: the in-memory store answers at once, a networked one later. Every operation
 * that counts is atomic inside the store: callers never read, change and write back.
 */

/** The state every scenario starts in, and returns to on reset. */
export const INITIAL_SCENARIO_STATE = 'started';

/** A value or a promise of it: in-memory stores answer synchronously, so the hot path pays no promise. */
export type MaybePromise<T> = T | Promise<T>;

/** A fixed-window hit: counted only when allowed, so the count never passes the limit. */
export interface WindowHit {
  allowed: boolean;
  /** Requests counted for this key in the current window, this one included when allowed. */
  used: number;
  /** When the current window ends (ms since the epoch). */
  windowEnd: number;
}

/** One record of a keyed map (a CRUD item): its value and the version tag that conditional writes compare. */
export interface MapRecord {
  /** The version tag (an item's ETag); a conditional write compares it inside the store. */
  readonly tag: string;
}

/** When a map write may happen: always, only for a new field, only over an existing one, or only over this version. */
export type MapWriteCondition = 'always' | 'absent' | 'present' | { tag: string };

/** What a conditional map write did: written, or why not (no such field, the field exists, the version moved on). */
export type MapWriteOutcome = 'written' | 'missing' | 'exists' | 'stale';

/** State of one endpoint (or one named thing, such as a scenario) within one session. */
export interface ScopedState {
  /** Adds `by` (default 1) to a counter and returns the new value; a missing counter starts at 0. */
  incr(key: string, by?: number): MaybePromise<number>;
  get<T = unknown>(key: string): MaybePromise<T | undefined>;
  set(key: string, value: unknown): MaybePromise<void>;
  delete(key: string): MaybePromise<void>;
  /**
   * A fixed window shared by every client key of `key`: it opens with the first hit after it closed and
   * lasts `windowMs`; each client key counts on its own.
   */
  hitWindow(key: string, client: string, windowMs: number, limit: number, now: number): MaybePromise<WindowHit>;
  /** One field of the map under `key` (a Redis hash), undefined when absent. */
  mapGet<T extends MapRecord = MapRecord>(key: string, field: string): MaybePromise<T | undefined>;
  /** Every record of the map, in the order the fields were first written. */
  mapValues<T extends MapRecord>(key: string): MaybePromise<T[]>;
  /** Writes one field if `when` holds, checked and written in one step inside the store. */
  mapPut(key: string, field: string, value: MapRecord, when: MapWriteCondition): MaybePromise<MapWriteOutcome>;
  /** Removes one field if `when` holds (`always`, `present` or a version). */
  mapDelete(key: string, field: string, when: MapWriteCondition): MaybePromise<MapWriteOutcome>;
  /** Replaces the whole map with these entries, in this order, in one step (seeding a collection). */
  mapReplace(key: string, entries: ReadonlyArray<readonly [string, MapRecord]>): MaybePromise<void>;
  /** Number of fields in the map. */
  mapSize(key: string): MaybePromise<number>;
}

export interface StateStore {
  /** The state of `scope` (e.g. an endpoint's name plus a fingerprint of its stateful config) in `session`. */
  scope(session: string | null, scope: string): ScopedState;
  /** When `session` (or the default session, null) was last reset; 0 when never. */
  resetAt(session: string | null): MaybePromise<number>;
  /** Forgets one session's state (`POST /__reset?session=`), or every session's (`session` undefined). */
  reset(now: number, session?: string | null): MaybePromise<void>;
  /** Sessions that hold state, the default one included when it does. */
  sessions(): MaybePromise<Array<string | null>>;
  /** `"up"` or `"down"` for a networked store; in memory is always up. */
  readonly health: 'up' | 'down';
  /** True for a store shared by several replicas (Redis): admin actions are then told to the others. */
  readonly shared: boolean;
  /** Tells every replica (this one too) `message` on `channel`; a no-op for a store of one process. */
  publish(channel: string, message: string): MaybePromise<void>;
  /** Calls `listener` for every message on `channel` from any replica. */
  subscribe(channel: string, listener: (message: string) => void): MaybePromise<void>;
  close(): MaybePromise<void>;
}
