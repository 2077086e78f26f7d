import { logFilterTest } from '../../src/logs/request-log';

const request = { method: 'POST', path: '/api/orders', status: 202, endpoint: 'create-order' };
const shown = { ...request, direction: 'outgoing' }; // as the shared log of replicas keeps it
const stored = { ...request, notes: { direction: 'outgoing' } }; // as this process's log keeps it

describe('the ?direction= filter of /__logs', () => {
  it('tells webhooks from requests in entries kept here and in entries shared across replicas', () => {
    const outgoing = logFilterTest({ direction: 'outgoing' });
    const incoming = logFilterTest({ direction: 'incoming' });
    expect([shown, stored, request].map(outgoing)).toEqual([true, true, false]);
    expect([shown, stored, request].map(incoming)).toEqual([false, false, true]);
  });

  it('combines with the other filters', () => {
    expect(logFilterTest({ direction: 'outgoing', endpoint: 'other' })(shown)).toBe(false);
    expect(logFilterTest({ direction: 'outgoing', endpoint: 'create-order', method: 'post' })(shown)).toBe(true);
  });
});
