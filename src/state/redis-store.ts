/**
 * The shared state store (`--store redis://…`): every counter, window, scenario and collection of every
 * replica lives in Redis, so N replicas behind a load balancer act as one mock. Counting is atomic inside
 * Redis (HINCRBY, and a Lua script for rate-limit windows). When Redis cannot be reached every call rejects
 * with StoreUnavailableError (stateful endpoints answer 503) and the client reconnects with backoff.
 */
import { createHash } from 'node:crypto';
import { createClient } from 'redis';
import type { MapRecord, MapWriteCondition, MapWriteOutcome, ScopedState, StateStore, WindowHit } from '../model/state';
import { StoreUnavailableError } from '../errors/store-unavailable';

type Client = ReturnType<typeof createClient>;

const PREFIX = 'mockdock:';
const DEFAULT_SESSION = '\u0000default';

/** A fixed window per key: opens with the first hit after it closed; each client counts on its own; a refused hit is not counted. */
const HIT_WINDOW = `
local k = KEYS[1]
local now = tonumber(ARGV[1])
local win = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local client = ARGV[4]
local e = tonumber(redis.call('HGET', k, '\\0end') or '-1')
if e < 0 or now >= e then
  redis.call('DEL', k)
  e = now + win
  redis.call('HSET', k, '\\0end', tostring(e))
  redis.call('PEXPIREAT', k, math.floor(e) + 1000)
end
local used = tonumber(redis.call('HGET', k, client) or '0')
local allowed = 0
if used < limit then
  used = redis.call('HINCRBY', k, client, 1)
  allowed = 1
end
return {allowed, used, tostring(e)}
`;

/**
 * Keyed maps (CRUD collections): one Redis hash per map, each entry as `v:F` (the record's JSON), `t:F` (its
 * version tag, compared inside the script) and `s:F` (when it was first written, for the order of mapValues).
 * ARGV: field, JSON, condition (always | absent | present | tag), expected tag, new tag.
 */
const MAP_PUT = `
local k, f, when = KEYS[1], ARGV[1], ARGV[3]
local old = redis.call('HGET', k, 't:' .. f)
if when == 'absent' then
  if old then return 'exists' end
elseif when ~= 'always' then
  if not old then return 'missing' end
  if when == 'tag' and old ~= ARGV[4] then return 'stale' end
end
if not old then redis.call('HSET', k, 's:' .. f, redis.call('HINCRBY', k, '\\0seq', 1)) end
redis.call('HSET', k, 'v:' .. f, ARGV[2], 't:' .. f, ARGV[5])
return 'written'
`;

/** ARGV: field, condition (always | present | tag), expected tag. */
const MAP_DELETE = `
local k, f = KEYS[1], ARGV[1]
local old = redis.call('HGET', k, 't:' .. f)
if not old then return 'missing' end
if ARGV[2] == 'tag' and old ~= ARGV[3] then return 'stale' end
redis.call('HDEL', k, 'v:' .. f, 't:' .. f, 's:' .. f)
return 'written'
`;

/** ARGV: field, JSON, tag, … for each entry, in order. */
const MAP_REPLACE = `
local k = KEYS[1]
redis.call('DEL', k)
local n = 0
for i = 1, #ARGV, 3 do
  n = n + 1
  redis.call('HSET', k, 'v:' .. ARGV[i], ARGV[i + 1], 't:' .. ARGV[i], ARGV[i + 2], 's:' .. ARGV[i], n)
end
redis.call('HSET', k, '\\0seq', n)
return n
`;

function condition(when: MapWriteCondition): [string, string] {
  return typeof when === 'object' ? ['tag', when.tag] : [when, ''];
}

export interface RedisStoreOptions {
  url: string;
  maxSessions?: number;
  /** Called when the connection goes down or comes back. */
  onHealth?: (health: 'up' | 'down', err?: Error) => void;
}

const digests = new Map<string, string>();
/** The SHA-1 Redis names a script by (EVALSHA), computed once per script text. */
function scriptDigest(script: string): string {
  let sha = digests.get(script);
  if (sha === undefined) digests.set(script, (sha = createHash('sha1').update(script).digest('hex')));
  return sha;
}

export class RedisStore implements StateStore {
  readonly shared = true;
  private state: 'up' | 'down' = 'down';
  private readonly client: Client;
  private subscriber: Client | null = null;
  private subscriberConnected: Promise<unknown> | null = null;
  private readonly listeners = new Map<string, Array<(message: string) => void>>();
  private readonly touched = new Map<string, number>();
  private readonly maxSessions: number;

  constructor(private readonly options: RedisStoreOptions) {
    this.maxSessions = options.maxSessions ?? 1000;
    this.client = createClient({
      url: options.url,
      RESP: 2,
      disableOfflineQueue: true,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000) },
    });
    this.client.on('ready', () => this.mark('up'));
    this.client.on('error', (err: Error) => this.mark('down', err));
    this.client.on('end', () => this.mark('down'));
  }

  /** Starts connecting; retries in the background with backoff while Redis is not there. */
  connect(): void {
    this.client.connect().catch((err: Error) => this.mark('down', err));
  }

  get health(): 'up' | 'down' {
    return this.state;
  }

  /** Resolves true once connected, false when `ms` pass first (start-up steps that want Redis but must not hang). */
  whenReady(ms: number): Promise<boolean> {
    if (this.client.isReady) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.client.on('ready', onReady);
    });
  }

  private mark(health: 'up' | 'down', err?: Error): void {
    if (health === this.state) return;
    this.state = health;
    this.options.onHealth?.(health, err);
  }

  private async run(args: string[]): Promise<unknown> {
    if (this.state === 'down' || !this.client.isReady) throw new StoreUnavailableError();
    try {
      if (args[0] !== 'EVAL') return await this.client.sendCommand(args);
      // a script is sent by its digest; its text goes over the wire only when Redis does not have it yet
      try {
        return await this.client.sendCommand(['EVALSHA', scriptDigest(args[1]), ...args.slice(2)]);
      } catch (err) {
        if (!String((err as Error)?.message).startsWith('NOSCRIPT')) throw err;
        return await this.client.sendCommand(args);
      }
    } catch (err) {
      if (!this.client.isReady) throw new StoreUnavailableError(err);
      throw err;
    }
  }

  private hashOf(session: string | null): string {
    return `${PREFIX}state:${session ?? DEFAULT_SESSION}`;
  }

  /** Marks a test session as used (at most once a second), and drops the least recently used past the bound. */
  private touch(session: string | null): void {
    if (session === null || this.state === 'down') return;
    const now = Date.now();
    if ((this.touched.get(session) ?? 0) > now - 1000) return;
    this.touched.delete(session);
    this.touched.set(session, now);
    if (this.touched.size > this.maxSessions * 2) this.touched.delete(this.touched.keys().next().value as string);
    void this.run(['ZADD', `${PREFIX}sessions`, String(now), session])
      .then(() => this.run(['ZCARD', `${PREFIX}sessions`]))
      .then(async (count) => {
        const extra = Number(count) - this.maxSessions;
        if (extra <= 0) return;
        const dropped = (await this.run(['ZPOPMIN', `${PREFIX}sessions`, String(extra)])) as string[];
        for (let i = 0; i < dropped.length; i += 2) await this.dropSession(dropped[i]);
      })
      .catch(() => undefined);
  }

  private async dropSession(session: string): Promise<void> {
    await this.run(['DEL', this.hashOf(session)]);
    await this.deleteMatching(`${PREFIX}window:${session}\u0001*`);
    await this.deleteMatching(`${PREFIX}map:${session}\u0001*`);
  }

  private async deleteMatching(pattern: string): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = (await this.run(['SCAN', cursor, 'MATCH', pattern, 'COUNT', '500'])) as [string, string[]];
      cursor = next;
      if (keys.length > 0) await this.run(['DEL', ...keys]);
    } while (cursor !== '0');
  }

  scope(session: string | null, scope: string): ScopedState {
    this.touch(session);
    const hash = this.hashOf(session);
    const field = (key: string) => `${scope}\u0000${key}`;
    const mapKey = (key: string) => `${PREFIX}map:${session ?? DEFAULT_SESSION}\u0001${scope}\u0000${key}`;
    return {
      incr: async (key, by = 1) => Number(await this.run(['HINCRBY', hash, field(key), String(by)])),
      get: async <T>(key: string) => {
        const text = (await this.run(['HGET', hash, field(key)])) as string | null;
        return text === null ? undefined : (JSON.parse(text) as T);
      },
      set: async (key, value) => {
        await this.run(['HSET', hash, field(key), JSON.stringify(value)]);
      },
      delete: async (key) => {
        await this.run(['HDEL', hash, field(key)]);
      },
      hitWindow: async (key, client, windowMs, limit, now): Promise<WindowHit> => {
        const windowKey = `${PREFIX}window:${session ?? DEFAULT_SESSION}\u0001${scope}\u0000${key}`;
        const [allowed, used, end] = (await this.run(['EVAL', HIT_WINDOW, '1', windowKey, String(now), String(windowMs), String(limit), client])) as [number, number, string];
        return { allowed: Number(allowed) === 1, used: Number(used), windowEnd: Number(end) };
      },
      mapGet: (async (key: string, field: string) => {
        const text = (await this.run(['HGET', mapKey(key), `v:${field}`])) as string | null;
        return text === null ? undefined : JSON.parse(text);
      }) as ScopedState['mapGet'],
      mapValues: (async (key: string) => {
        const flat = (await this.run(['HGETALL', mapKey(key)])) as string[];
        const entries = new Map<string, { seq: number; json: string }>();
        const entry = (f: string) => entries.get(f) ?? entries.set(f, { seq: 0, json: 'null' }).get(f)!;
        for (let i = 0; i < flat.length; i += 2) {
          const [name, value] = [flat[i], flat[i + 1]];
          if (name.startsWith('v:')) entry(name.slice(2)).json = value;
          else if (name.startsWith('s:')) entry(name.slice(2)).seq = Number(value);
        }
        return [...entries.values()].sort((a, b) => a.seq - b.seq).map((e) => JSON.parse(e.json));
      }) as ScopedState['mapValues'],
      mapPut: async (key: string, field: string, value: MapRecord, when: MapWriteCondition) => {
        const [kind, tag] = condition(when);
        return (await this.run(['EVAL', MAP_PUT, '1', mapKey(key), field, JSON.stringify(value), kind, tag, value.tag])) as MapWriteOutcome;
      },
      mapDelete: async (key: string, field: string, when: MapWriteCondition) => {
        const [kind, tag] = condition(when === 'always' ? 'present' : when);
        return (await this.run(['EVAL', MAP_DELETE, '1', mapKey(key), field, kind, tag])) as MapWriteOutcome;
      },
      mapReplace: async (key: string, entries: ReadonlyArray<readonly [string, MapRecord]>) => {
        const args = entries.flatMap(([field, value]) => [field, JSON.stringify(value), value.tag]);
        await this.run(['EVAL', MAP_REPLACE, '1', mapKey(key), ...args]);
      },
      mapSize: async (key: string) => {
        const [fields, seq] = (await Promise.all([this.run(['HLEN', mapKey(key)]), this.run(['HEXISTS', mapKey(key), '\u0000seq'])])) as [number, number];
        return (Number(fields) - Number(seq)) / 3;
      },
    };
  }

  async resetAt(session: string | null): Promise<number> {
    const [all, one] = (await this.run(['HMGET', `${PREFIX}resets`, '\u0000all', session ?? DEFAULT_SESSION])) as Array<string | null>;
    return Math.max(Number(all ?? 0), Number(one ?? 0));
  }

  async reset(now: number, session?: string | null): Promise<void> {
    if (session === undefined) {
      await this.deleteMatching(`${PREFIX}state:*`);
      await this.deleteMatching(`${PREFIX}window:*`);
      await this.deleteMatching(`${PREFIX}map:*`);
      await this.run(['DEL', `${PREFIX}resets`, `${PREFIX}sessions`]);
      await this.run(['HSET', `${PREFIX}resets`, '\u0000all', String(now)]);
      return;
    }
    const id = session ?? DEFAULT_SESSION;
    await this.run(['DEL', this.hashOf(session)]);
    await this.deleteMatching(`${PREFIX}window:${id}\u0001*`);
    await this.deleteMatching(`${PREFIX}map:${id}\u0001*`);
    await this.run(['HSET', `${PREFIX}resets`, id, String(now)]);
  }

  async sessions(): Promise<Array<string | null>> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = (await this.run(['SCAN', cursor, 'MATCH', `${PREFIX}state:*`, 'COUNT', '500'])) as [string, string[]];
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    return keys.map((k) => k.slice(`${PREFIX}state:`.length)).map((id) => (id === DEFAULT_SESSION ? null : id));
  }

  /** Raw commands for shared pieces that are not per-endpoint state (the request log). */
  command(args: string[]): Promise<unknown> {
    return this.run(args);
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.run(['PUBLISH', `${PREFIX}${channel}`, message]);
  }

  async subscribe(channel: string, listener: (message: string) => void): Promise<void> {
    const had = this.listeners.get(channel);
    this.listeners.set(channel, [...(had ?? []), listener]);
    if (had) return;
    const deliver = (message: string) => {
      for (const fn of this.listeners.get(channel) ?? []) fn(message);
    };
    if (!this.subscriber) {
      const subscriber = this.client.duplicate();
      this.subscriber = subscriber;
      subscriber.on('error', () => undefined);
      // connects (and re-subscribes after a reconnect) in the background: Redis may not be up yet
      this.subscriberConnected = subscriber.connect();
    }
    // every channel waits for the one connection, including channels asked for while it is still connecting
    const subscriber = this.subscriber;
    void this.subscriberConnected!.then(() => subscriber.subscribe(`${PREFIX}${channel}`, deliver)).catch(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.client.close(), this.subscriber?.close()]);
  }
}
