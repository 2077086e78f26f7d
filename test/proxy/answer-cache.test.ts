import { AnswerCache, CACHE_MAX_ANSWER_BYTES } from '../../src/responders/proxy/answer-cache';

const answer = (bytes: number) => ({ status: 200, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(bytes, 1) });

describe('the proxy answer cache', () => {
  it('holds no more than its byte bound, dropping the least recently used answers first', () => {
    const cache = new AnswerCache(100 * 1024);
    for (let i = 0; i < 50; i++) {
      cache.set(`GET /item/${i}`, answer(10 * 1024), 60_000);
      if (i % 3 === 0) cache.get('GET /item/0'); // kept in use
      expect(cache.bytes).toBeLessThanOrEqual(100 * 1024);
    }
    expect(cache.get('GET /item/0')).toBeDefined();
    expect(cache.get('GET /item/1')).toBeUndefined();
    expect(cache.get('GET /item/49')).toBeDefined();
  });

  it('never keeps one answer larger than the per-answer bound', () => {
    const cache = new AnswerCache();
    cache.set('GET /huge', answer(CACHE_MAX_ANSWER_BYTES + 1), 60_000);
    expect(cache.get('GET /huge')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });
});
