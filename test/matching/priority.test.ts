/** Which endpoint wins when several match. */
import { ep, winner, req } from './make-endpoint';

describe('priority', () => {
  it('picks the highest priority among endpoints that match', () => {
    const endpoints = [ep('GET', '/x', { name: 'low', priority: 1 }), ep('GET', '/x', { name: 'high', priority: 5 })];
    expect(winner(endpoints, req('GET', '/x'))).toBe('high');
  });

  it('breaks a tie in priority by load order, the lower order winning', () => {
    const endpoints = [ep('GET', '/x', { name: 'second', order: 2 }), ep('GET', '/x', { name: 'first', order: 1 })];
    expect(winner(endpoints, req('GET', '/x'))).toBe('first');
  });

  it('skips a higher-priority endpoint whose conditions do not hold', () => {
    const endpoints = [
      ep('GET', '/x', { name: 'admin', priority: 9, match: { headers: { role: 'admin' } } }),
      ep('GET', '/x', { name: 'anyone' }),
    ];
    expect(winner(endpoints, req('GET', '/x'))).toBe('anyone');
    expect(winner(endpoints, req('GET', '/x', { headers: { role: 'admin' } }))).toBe('admin');
  });

  it('ranks across path shapes: a wildcard with higher priority beats a static path', () => {
    const endpoints = [ep('GET', '/api/users', { name: 'static' }), ep('ANY', '/api/*', { name: 'catch-all', priority: 1 })];
    expect(winner(endpoints, req('GET', '/api/users'))).toBe('catch-all');
  });

  it('ranks across path shapes: a static path loaded first beats a later param path of equal priority', () => {
    const endpoints = [ep('GET', '/users/me', { name: 'me', order: 0 }), ep('GET', '/users/:id', { name: 'by-id', order: 1 })];
    expect(winner(endpoints, req('GET', '/users/me'))).toBe('me');
  });

  it('treats a negative priority as lower than the default', () => {
    const endpoints = [ep('GET', '/x', { name: 'fallback', priority: -1, order: 0 }), ep('GET', '/x', { name: 'normal', order: 1 })];
    expect(winner(endpoints, req('GET', '/x'))).toBe('normal');
  });
});
