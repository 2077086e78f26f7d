/** Literal paths outrank the parameter paths they overlap, whatever their order. */
import { specificityLevels } from '../../src/openapi/route-priority';

test('a literal segment outranks a parameter in the same place', () => {
  expect(specificityLevels([
    { method: 'GET', path: '/users/:id' },
    { method: 'GET', path: '/users/me' },
  ])).toEqual([0, 1]);
});

test('chains rank in order of literalness', () => {
  expect(specificityLevels([
    { method: 'GET', path: '/a/:x/:y' },
    { method: 'GET', path: '/a/b/:y' },
    { method: 'GET', path: '/a/b/c' },
    { method: 'GET', path: '/a/:x/c' },
  ])).toEqual([0, 2, 3, 1]);
});

test('routes that never overlap, or differ in method or length, keep level 0', () => {
  expect(specificityLevels([
    { method: 'GET', path: '/users/:id' },
    { method: 'POST', path: '/users/me' },
    { method: 'GET', path: '/teams/me' },
    { method: 'GET', path: '/users/me/pets' },
  ])).toEqual([0, 0, 0, 0]);
});
