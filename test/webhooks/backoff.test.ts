import { backoffDelay } from '../../src/webhooks/backoff';

describe('the wait before a webhook retry', () => {
  it('doubles from 250 ms with each retry and stops growing at 30 s', () => {
    expect([2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt))).toEqual([250, 500, 1000, 2000, 4000]);
    expect(backoffDelay(11)).toBe(30_000);
    expect(backoffDelay(1_000)).toBe(30_000);
  });

  it('takes its own base and cap', () => {
    expect([2, 3, 4, 5].map((attempt) => backoffDelay(attempt, { baseMs: 5, maxMs: 20 }))).toEqual([5, 10, 20, 20]);
  });
});
