/**
 * Finished answer bodies per (query, operation, variables), for endpoints whose mocks and fixed
 * answers hold no templates: with a seed per query the answer is a pure function of those three,
 * so a client repeating a query skips execution. Bounded by entries and bytes.
 */
import { LRUCache } from 'lru-cache';

export interface CachedAnswer {
  status: number;
  body: Buffer;
}

export class AnswerCache {
  private readonly cache: LRUCache<string, CachedAnswer>;

  constructor(maxEntries = 1000, maxBytes = 16 * 1024 * 1024) {
    this.cache = new LRUCache<string, CachedAnswer>({
      max: maxEntries,
      maxSize: maxBytes,
      sizeCalculation: (answer, key) => answer.body.length + key.length + 64,
    });
  }

  get(key: string): CachedAnswer | undefined {
    return this.cache.get(key);
  }

  set(key: string, answer: CachedAnswer): void {
    this.cache.set(key, answer);
  }

  clear(): void {
    this.cache.clear();
  }

  get size(): number {
    return this.cache.size;
  }
}

/** True when any string inside the value is a template (then answers may differ per request). */
export function holdsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (Array.isArray(value)) return value.some(holdsTemplate);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsTemplate);
  return false;
}
