/** Server URLs to base paths, and OpenAPI path templates to mockdock paths. */
import { serverBasePath, toMockPath } from '../../src/openapi/base-path';

test.each([
  [[{ url: 'https://api.example.com/v1/' }], '/v1'],
  [[{ url: '/v2' }], '/v2'],
  [[{ url: 'v3' }], '/v3'],
  [[{ url: 'https://{host}/{base}', variables: { host: { default: 'x' }, base: { default: 'api', enum: ['api'] } } }], '/api'],
  [[{ url: '{scheme}://developer.uspto.gov/ds-api', variables: { scheme: { enum: ['https', 'http'], default: 'https' } } }], '/ds-api'],
  [[{ url: 'https://example.com' }], ''],
  [undefined, ''],
])('servers %j give the base path %j', (servers, expected) => {
  expect(serverBasePath(servers)).toBe(expected);
});

test('parameters become :names; names mockdock cannot take are renamed', () => {
  expect(toMockPath('/users/{user-id}/pets/{petId}', '/v1')).toEqual({
    path: '/v1/users/:user_id/pets/:petId',
    loosened: [],
    renamed: { 'user-id': 'user_id' },
  });
});

test('a root path under a base path is the base path itself', () => {
  expect(toMockPath('/', '/api').path).toBe('/api');
  expect(toMockPath('/', '').path).toBe('/');
});
