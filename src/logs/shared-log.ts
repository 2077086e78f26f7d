/**
 * The request log of every replica in one place: with a shared store, each entry this replica records is
 * also appended to a capped Redis stream, and /__logs reads that stream, so it shows the requests of all
 * replicas, newest first, with the same filters. Appends wait a few milliseconds and go as one script call: under
 * load that is one Redis command for hundreds of requests, not one each.
 */
import type { LogEntry } from '../model/log-entry';
import type { RedisStore } from '../state/redis-store';
import { logFilterTest, type LogFilter, type RequestLog } from './request-log';

const STREAM = 'mockdock:log';

/** Appends every entry of a batch as its own stream entry, in one command (one round trip, one socket write). */
const APPEND_BATCH = `for i = 2, #ARGV do redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'e', ARGV[i]) end
return #ARGV - 1`;
/** Entries per script call: bounds one command's size; a full batch goes at once. */
const MAX_BATCH = 256;
/**
 * How long entries wait to be sent together. Under load one write to Redis then carries hundreds of
 * entries, not a handful (each write to a socket has a fixed cost); other replicas see an entry this much later.
 */
const FLUSH_MS = 5;

export class SharedLog {
  private pending: string[] = [];
  private scheduled = false;

  constructor(
    private readonly store: RedisStore,
    private readonly capacity: number,
    log: RequestLog,
  ) {
    log.on('entry', (entry: LogEntry) => this.append(entry));
  }

  private append(entry: LogEntry): void {
    if (this.capacity === 0 || this.store.health === 'down') return;
    this.pending.push(JSON.stringify(entry));
    if (this.pending.length >= MAX_BATCH) return this.flush();
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.flush();
    }, FLUSH_MS);
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    // append() sends at MAX_BATCH entries, so a batch is never larger
    this.store.command(['EVAL', APPEND_BATCH, '1', STREAM, String(this.capacity), ...batch]).catch(() => undefined);
  }

  /** Newest first, filtered, across replicas. */
  async query(filter: LogFilter = {}): Promise<LogEntry[]> {
    const rows = (await this.store.command(['XREVRANGE', STREAM, '+', '-', 'COUNT', String(this.capacity)])) as Array<[string, string[]]>;
    const matches = logFilterTest(filter);
    const out: LogEntry[] = [];
    const limit = filter.limit ?? Infinity;
    for (const [, fields] of rows) {
      if (out.length >= limit) break;
      const entry = JSON.parse(fields[1]) as LogEntry;
      if (matches(entry)) out.push(entry);
    }
    return out;
  }

  async clear(): Promise<void> {
    await this.store.command(['DEL', STREAM]);
  }
}
