/** Methods: exact, ANY, and HEAD answered by GET. */
import { ep, matcherOf, req, winner } from './make-endpoint';

describe('methods', () => {
  it('matches only the endpoint method', () => {
    const m = matcherOf([ep('POST', '/orders')]);
    expect(m.match(req('POST', '/orders'))).not.toBeNull();
    expect(m.match(req('GET', '/orders'))).toBeNull();
  });

  it('lets ANY match every method, including ones no endpoint names', () => {
    const m = matcherOf([ep('ANY', '/echo')]);
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND']) {
      expect(m.match(req(method, '/echo'))?.endpoint.method).toBe('ANY');
    }
  });

  it('upper-cases an endpoint method given in lower case', () => {
    expect(winner([ep('post', '/x')], req('POST', '/x'))).toBe('post /x');
  });

  it('answers a HEAD request with a GET endpoint when no HEAD endpoint matches', () => {
    expect(winner([ep('GET', '/users')], req('HEAD', '/users'))).toBe('GET /users');
  });

  it('does not answer a GET request with a HEAD endpoint', () => {
    expect(winner([ep('HEAD', '/users')], req('GET', '/users'))).toBeNull();
  });

  it('prefers a HEAD endpoint over a GET endpoint for a HEAD request, whatever their priorities', () => {
    const endpoints = [ep('GET', '/users', { priority: 10 }), ep('HEAD', '/users')];
    expect(winner(endpoints, req('HEAD', '/users'))).toBe('HEAD /users');
    expect(winner(endpoints, req('GET', '/users'))).toBe('GET /users');
  });

  it('prefers an ANY endpoint over a GET endpoint for a HEAD request', () => {
    expect(winner([ep('GET', '/users', { priority: 5 }), ep('ANY', '/users')], req('HEAD', '/users'))).toBe('ANY /users');
  });

  it('falls back to GET when the HEAD endpoint conditions do not hold', () => {
    const endpoints = [ep('HEAD', '/users', { match: { headers: { 'x-mode': 'head' } } }), ep('GET', '/users')];
    expect(winner(endpoints, req('HEAD', '/users'))).toBe('GET /users');
  });

  it('falls back to a GET endpoint on another path shape when the HEAD candidates fail', () => {
    const endpoints = [ep('HEAD', '/users/me', { match: { query: { a: '1' } } }), ep('GET', '/users/:id')];
    expect(matcherOf(endpoints).match(req('HEAD', '/users/me'))?.params).toEqual({ id: 'me' });
  });
});
