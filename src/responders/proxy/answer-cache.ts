/** Upstream answers to GET and HEAD kept for `cache_s`, in memory with a bound on the bytes held (least recently used go first). */
import { LRUCache } from 'lru-cache';

export interface CachedAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Bytes held at most by all proxied endpoints' caches together, and by one answer. */
export const CACHE_MAX_BYTES = 64 * 1024 * 1024;
export const CACHE_MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export class AnswerCache {
  private readonly lru: LRUCache<string, CachedAnswer>;

  constructor(maxBytes = CACHE_MAX_BYTES) {
    this.lru = new LRUCache<string, CachedAnswer>({
      maxSize: maxBytes,
      sizeCalculation: (a) => a.body.length + 512,
      ttlAutopurge: false,
    });
  }

  get(key: string): CachedAnswer | undefined {
    return this.lru.get(key);
  }

  set(key: string, answer: CachedAnswer, ttlMs: number): void {
    if (answer.body.length > CACHE_MAX_ANSWER_BYTES) return;
    this.lru.set(key, answer, { ttl: ttlMs });
  }

  /** Bytes held now (for tests of the bound). */
  get bytes(): number {
    return this.lru.calculatedSize;
  }

  close(): void {
    this.lru.clear();
  }
}
