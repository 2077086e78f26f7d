/**
 * Automatic persisted queries (Apollo's protocol): a client sends a query's SHA-256 alone and
 * registers the full text only when told the hash is unknown. The store is bounded (LRU).
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export type ApqResult =
  | { ok: true; query: string | undefined; register?: string }
  | { ok: false; status: number; message: string; code: string };

const HEX64 = /^[0-9a-f]{64}$/i;

export class PersistedQueries {
  private readonly store: LRUCache<string, string>;

  constructor(maxEntries = 1000, maxChars = 8 * 1024 * 1024) {
    this.store = new LRUCache<string, string>({ max: maxEntries, maxSize: maxChars, sizeCalculation: (query) => query.length + 64 });
  }

  /** The query text to run; `register` is the hash to store it under once it has been validated. */
  resolve(query: string | undefined, extensions: Record<string, unknown> | undefined): ApqResult {
    const persisted = extensions?.persistedQuery;
    if (persisted === undefined) return { ok: true, query };
    if (persisted === null || typeof persisted !== 'object') return refused('extensions.persistedQuery must be an object.');
    const { version, sha256Hash } = persisted as Record<string, unknown>;
    if (version !== 1) return refused('Unsupported persisted query version');
    if (typeof sha256Hash !== 'string' || !HEX64.test(sha256Hash)) {
      return refused('extensions.persistedQuery.sha256Hash must be the 64 hex digits of the query\'s SHA-256.');
    }
    const hash = sha256Hash.toLowerCase();
    if (query !== undefined) {
      if (sha256(query) !== hash) return refused('provided sha does not match query');
      return { ok: true, query, register: hash };
    }
    const known = this.store.get(hash);
    if (known === undefined) {
      return { ok: false, status: 200, message: 'PersistedQueryNotFound', code: 'PERSISTED_QUERY_NOT_FOUND' };
    }
    return { ok: true, query: known };
  }

  register(hash: string, query: string): void {
    this.store.set(hash, query);
  }

  get size(): number {
    return this.store.size;
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function refused(message: string): ApqResult {
  return { ok: false, status: 400, message, code: 'BAD_REQUEST' };
}
