/** Other tools' path regexes, path templates and Handlebars tags, mapped to mockdock's forms or refused. */
import { pathFromRegex, pathFromTemplate, exactPath } from '../../src/import/regex-path';
import { convertRequest } from '../../src/import/wiremock/wiremock-request';
import { translateTemplate, simpleJsonPath } from '../../src/import/template-translate';
import { mockoonRewriter } from '../../src/import/mockoon/mockoon-template';
import { routePath } from '../../src/import/mockoon/mockoon-path';

describe('path regexes', () => {
  it.each([
    ['/api/users', '/api/users', undefined],
    ['^/api/users/[^/]+$', '/api/users/:p1', undefined],
    ['/api/users/[0-9]+/orders/.*', '/api/users/:p1/orders/*', '[0-9]+'],
    ['/files/v1\\.2/(.*)', '/files/v1.2/*', undefined],
    ['/a/:b', '/a/%3Ab', undefined],
    ['^\\/api\\/users$', '/api/users', undefined],
  ])('%s becomes %s', (regex, expected, widened) => {
    expect(pathFromRegex(regex)).toEqual(expect.objectContaining({ path: expected, widened }));
  });

  it.each(['/api/(users|orders)', '/api/user-\\d+', 'api/x', '/a//b'])('%s is refused', (regex) => {
    expect(pathFromRegex(regex)).toBeUndefined();
  });

  it('turns templates into named parameters and keeps literal segments literal', () => {
    expect(pathFromTemplate('/contacts/{contactId}/addresses/{addressId}')).toEqual({ path: '/contacts/:contactId/addresses/:addressId', params: ['contactId', 'addressId'] });
    expect(pathFromTemplate('/v1/{a}.json')).toBeUndefined();
    expect(exactPath('/v1/items:batchGet/*')).toEqual({ path: '/v1/items:batchGet/%2A', params: [] });
  });

  it('leaves the query part of a WireMock urlPattern to match.query', () => {
    const out = convertRequest({ urlPattern: '/api/search(\\?.*)?' }, () => undefined);
    expect(out).toMatchObject({ method: 'ANY', path: { path: '/api/search' } });
  });

  it('maps Mockoon route paths under the prefix, and refuses Express patterns it cannot express', () => {
    expect(routePath('/api/v1/', 'users/:id')).toEqual({ path: '/api/v1/users/:id', params: ['id'], widened: undefined });
    expect(routePath('', 'files/*')).toMatchObject({ path: '/files/*' });
    expect(routePath('', 'ab?cd')).toMatch(/cannot express/);
  });
});

describe('template translation', () => {
  it('rewrites each tag and keeps the text between tags as it is', () => {
    const out = translateTemplate("Hi {{queryParam 'name'}}, id {{urlParam 'id'}} {{faker 'number.int' max=99}}!", mockoonRewriter(new Set(['id'])));
    expect(out).toEqual({ ok: true, text: 'Hi {{query.[name]}}, id {{params.id}} {{faker "number.int" max=99}}!', templated: true });
  });

  it('fails the whole template on the first tag it cannot map, naming that tag', () => {
    expect(translateTemplate("{{urlParam 'id'}} {{#repeat 3}}x{{/repeat}}", mockoonRewriter(new Set(['id'])))).toEqual({ ok: false, tag: '{{#repeat 3}}' });
  });

  it('reads plain JSONPaths as dotted keys and refuses filters', () => {
    expect(simpleJsonPath("$.user['first name'].tags[0]")).toBe('user.first name.tags.0');
    expect(simpleJsonPath('$.items[?(@.id == 1)]')).toBeUndefined();
  });
});
