import { ErrorCodes } from '../../src/errors/codes';
import { compileOk, env, issuesOf, request } from './support';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x7b, 0x7b, 0x75, 0x75, 0x69, 0x64, 0x7d, 0x7d]);

describe('static responses', () => {
  test('a response without templates is static and returns the very same buffer and headers every time', () => {
    const r = compileOk({ response: { ok: true, items: [1, 2] }, headers: { 'X-Mock': 'yes' } });
    expect(r.isStatic).toBe(true);
    const a = r.render(request(), env(1));
    const b = r.render(request({ params: {} }), env(2));
    expect(b.body).toBe(a.body);
    expect(b.headers).toBe(a.headers);
    expect(a.body.toString()).toBe('{"ok":true,"items":[1,2]}');
  });

  test('the shared headers object cannot be changed by a careless caller', () => {
    const { headers } = compileOk({ response: 'x' }).render(request(), env());
    expect(Object.isFrozen(headers)).toBe(true);
  });

  test('a templated response is not static and renders fresh bodies', () => {
    const r = compileOk({ response: { id: '{{params.id}}' } });
    expect(r.isStatic).toBe(false);
    expect(r.render(request(), env()).body.toString()).toBe('{"id":"42"}');
    expect(r.render(request({ params: { id: '7' } }), env()).body.toString()).toBe('{"id":"7"}');
  });

  test('a templated JSON response keeps the static parts byte for byte as JSON.stringify writes them', () => {
    const value = { a: 'é ✓ "q"', n: 1.5, list: [null, false, { k: 'v' }], t: '{{method}}', nested: { u: '{{path}}' } };
    const body = compileOk({ response: value }).render(request(), env()).body.toString();
    expect(body).toBe(JSON.stringify({ ...value, t: 'POST', nested: { u: '/api/users/42' } }));
  });

  test('text that only escapes braces is static', () => {
    const r = compileOk({ response: 'literal \\{{braces}}' });
    expect(r.isStatic).toBe(true);
    expect(r.render(request(), env()).body.toString()).toBe('literal {{braces}}');
  });
});

describe('status', () => {
  test('status defaults to 200', () => {
    expect(compileOk({ response: 'x' }).status).toBe(200);
    expect(compileOk({ status: 503, response: 'x' }).status).toBe(503);
  });

  test('a status outside 100-599 is a schema issue at /status', () => {
    const [issue] = issuesOf({ status: 42 }, { '/failure/0/status': [6, 13] }, '/failure/0');
    expect(issue).toMatchObject({ line: 6, col: 13, code: ErrorCodes.CONFIG_SCHEMA });
  });
});

describe('content type', () => {
  const typeOf = (src: Parameters<typeof compileOk>[0]) => compileOk(src).render(request(), env()).headers['content-type'];

  test('a JSON value is sent as application/json', () => {
    for (const response of [{ a: 1 }, [1], 3, true, null]) expect(typeOf({ response })).toBe('application/json; charset=utf-8');
  });

  test('a string is sent as text/plain, as written', () => {
    const r = compileOk({ response: '{"looks":"like json"}' }).render(request(), env());
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.body.toString()).toBe('{"looks":"like json"}');
  });

  test('a body file gets the type of its extension, octet-stream when unknown', () => {
    expect(typeOf({ bodyFile: { path: '__files/a.html', content: Buffer.from('<p>') } })).toBe('text/html; charset=utf-8');
    expect(typeOf({ bodyFile: { path: '__files/logo.png', content: PNG } })).toBe('image/png');
    expect(typeOf({ bodyFile: { path: '__files/blob.unknownext', content: PNG } })).toBe('application/octet-stream');
    expect(typeOf({ bodyFile: { path: '__files/noext', content: Buffer.from('x') } })).toBe('application/octet-stream');
  });

  test('no body means no content type and an empty body', () => {
    const r = compileOk({ status: 204 }).render(request(), env());
    expect(r.headers).toEqual({});
    expect(r.body.length).toBe(0);
  });

  test('a content type set by the user wins, whatever the case of its name', () => {
    const r = compileOk({ response: { a: 1 }, headers: { 'CONTENT-TYPE': 'application/vnd.api+json' } }).render(request(), env());
    expect(r.headers).toEqual({ 'CONTENT-TYPE': 'application/vnd.api+json', 'content-length': '7' });
  });
});

describe('content length', () => {
  test('a fixed answer carries the length of its body, computed once', () => {
    const r = compileOk({ response: { name: 'Zoë' } });
    const first = r.render(request(), env());
    expect(first.headers['content-length']).toBe(String(Buffer.byteLength('{"name":"Zoë"}')));
    expect(r.render(request(), env())).toBe(first);
  });

  test('a templated answer carries the length of what was rendered this time', () => {
    const r = compileOk({ response: '{{params.id}}{{params.id}}' });
    expect(r.render(request(), env()).headers['content-length']).toBe('4');
  });

  test('a Content-Length or Transfer-Encoding set in the config is left as it is', () => {
    expect(compileOk({ response: 'abc', headers: { 'Content-Length': '99' } }).render(request(), env()).headers).toEqual({
      'content-type': 'text/plain; charset=utf-8',
      'Content-Length': '99',
    });
    expect(compileOk({ response: 'abc', headers: { 'transfer-encoding': 'chunked' } }).render(request(), env()).headers['content-length']).toBeUndefined();
  });

  test('answers that carry no body (204, 304) get no Content-Length', () => {
    expect(compileOk({ status: 204 }).render(request(), env()).headers['content-length']).toBeUndefined();
    expect(compileOk({ status: 304 }).render(request(), env()).headers['content-length']).toBeUndefined();
  });
});

describe('body files', () => {
  test('a text body file is a template', () => {
    const content = Buffer.from('{"id": "{{params.id}}", "at": "{{date}}"}\n');
    const r = compileOk({ bodyFile: { path: '__files/user.json', content } });
    expect(r.isStatic).toBe(false);
    expect(r.render(request(), env()).body.toString()).toBe('{"id": "42", "at": "2024-02-29"}\n');
  });

  test('a text body file without templates is sent as the same buffer that was read', () => {
    const content = Buffer.from('{"static": true}');
    const r = compileOk({ bodyFile: { path: '__files/s.json', content } });
    expect(r.isStatic).toBe(true);
    expect(r.render(request(), env()).body).toBe(content);
  });

  test('a binary body file is never templated, even when its bytes contain {{', () => {
    const r = compileOk({ bodyFile: { path: '__files/logo.png', content: PNG } });
    expect(r.isStatic).toBe(true);
    expect(r.render(request(), env()).body).toBe(PNG);
  });

  test('a file containing NUL or invalid UTF-8 is binary whatever its extension', () => {
    const nul = Buffer.from('a\u0000{{uuid}}');
    expect(compileOk({ bodyFile: { path: 'x.txt', content: nul } }).render(request(), env()).body).toBe(nul);
    const latin1 = Buffer.from([0x7b, 0x7b, 0x75, 0x75, 0x69, 0x64, 0x7d, 0x7d, 0xe9]);
    expect(compileOk({ bodyFile: { path: 'x.txt', content: latin1 } }).render(request(), env()).body).toBe(latin1);
  });

  test('a template mistake in a body file names the file and the line inside it', () => {
    const content = Buffer.from('{\n  "id": "{{params.id}}",\n  "x": "{{oops}}"\n}');
    const [issue] = issuesOf({ bodyFile: { path: '__files/user.json', content } }, { '/body_file': [7, 16] });
    expect(issue).toMatchObject({ line: 7, col: 16, code: ErrorCodes.CONFIG_TEMPLATE });
    expect(issue.message).toMatch(/^body file __files\/user.json line 3, col 11: unknown helper or request data "oops"/);
  });

  test('response and body_file together are a schema issue at body_file', () => {
    const [issue] = issuesOf({ response: 'x', bodyFile: { path: 'a.txt', content: Buffer.from('y') } }, { '/body_file': [3, 4] });
    expect(issue).toMatchObject({ line: 3, col: 4, code: ErrorCodes.CONFIG_SCHEMA });
    expect(issue.message).toContain('either response or body_file');
  });
});

describe('template: false', () => {
  test('strings in the body, headers and body files are sent exactly as written', () => {
    const json = compileOk({ response: { a: '{{uuid}}', b: '{{nope' }, headers: { 'X-T': '{{date}}' }, template: false });
    expect(json.isStatic).toBe(true);
    const out = json.render(request(), env());
    expect(out.body.toString()).toBe('{"a":"{{uuid}}","b":"{{nope"}');
    expect(out.headers['X-T']).toBe('{{date}}');
    const content = Buffer.from('{{params.id}}');
    expect(compileOk({ bodyFile: { path: 'a.txt', content }, template: false }).render(request(), env()).body).toBe(content);
    expect(compileOk({ response: '{{oops}}', template: false }).render(request(), env()).body.toString()).toBe('{{oops}}');
  });
});

describe('headers', () => {
  test('header values are templates', () => {
    const r = compileOk({ response: 'x', headers: { 'X-Request-Id': '{{headers.[x-request-id]}}', 'X-Fixed': 'f' } });
    expect(r.isStatic).toBe(false);
    expect(r.render(request(), env()).headers).toEqual({
      'content-type': 'text/plain; charset=utf-8',
      'X-Request-Id': 'req-7',
      'X-Fixed': 'f',
      'content-length': '1',
    });
  });

  test('a templated header with a static body still returns the same body buffer', () => {
    const r = compileOk({ response: { a: 1 }, headers: { 'X-Now': '{{timestamp}}' } });
    expect(r.render(request(), env()).body).toBe(r.render(request(), env()).body);
  });

  test('rendered header values cannot inject headers or break Node on non-latin-1 text', () => {
    const ctx = request({ query: { v: 'a\r\nSet-Cookie: x=1' }, body: { city: 'Zürich 東京' } });
    const h = compileOk({ headers: { 'X-V': '{{query.v}}', 'X-City': '{{body.city}}' } }).render(ctx, env()).headers;
    expect(h['X-V']).toBe('a  Set-Cookie: x=1');
    expect(Buffer.from(h['X-City'], 'latin1').toString('utf8')).toBe('Zürich 東京');
  });

  test('invalid header names and values from the config are schema issues', () => {
    const issues = issuesOf(
      { headers: { 'Bad Name': 'x', 'X-Break': 'a\nb', 'X-Obj': { a: 1 } as unknown as string } },
      { '/headers/Bad Name': [2, 3], '/headers/X-Break': [3, 3], '/headers/X-Obj': [4, 3] },
    );
    expect(issues.map((i) => [i.line, i.code])).toEqual([
      [2, ErrorCodes.CONFIG_SCHEMA],
      [3, ErrorCodes.CONFIG_SCHEMA],
      [4, ErrorCodes.CONFIG_SCHEMA],
    ]);
  });

  test('numbers and booleans given as header values are sent as text', () => {
    const h = compileOk({ headers: { 'X-Count': 5 as unknown as string, 'X-On': true as unknown as string } }).render(request(), env()).headers;
    expect(h).toEqual({ 'X-Count': '5', 'X-On': 'true', 'content-length': '0' });
  });
});
