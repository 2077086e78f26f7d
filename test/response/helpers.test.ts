import { NOW, env, renderJson, renderText, request, seeded } from './support';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('date and time helpers', () => {
  test('date prints the UTC day of the render clock as YYYY-MM-DD', () => {
    expect(renderText('{{date}}')).toBe('2024-02-29');
    // 23:30 on the 31st in UTC is already the 1st in UTC+1: the helper must not use local time.
    expect(renderText('{{date}}', request(), env(1, Date.UTC(2023, 11, 31, 23, 30)))).toBe('2023-12-31');
  });

  test('now prints the render clock as ISO-8601 with milliseconds', () => {
    expect(renderText('{{now}}')).toBe('2024-02-29T12:34:56.789Z');
  });

  test('timestamp prints epoch milliseconds', () => {
    expect(renderText('{{timestamp}}')).toBe(String(NOW));
  });

  test('a clock that is not a number renders the date helpers empty instead of failing', () => {
    expect(renderText('[{{date}}|{{now}}]', request(), env(1, Number.NaN))).toBe('[|]');
  });
});

describe('uuid', () => {
  test('uuid is a version 4 UUID', () => {
    expect(renderText('{{uuid}}')).toMatch(UUID_V4);
  });

  test('the same seed gives the same uuid and another seed a different one', () => {
    const a = renderText('{{uuid}}', request(), env(7));
    expect(renderText('{{uuid}}', request(), env(7))).toBe(a);
    expect(renderText('{{uuid}}', request(), env(8))).not.toBe(a);
  });

  test('two uuids in one response differ', () => {
    const [a, b] = renderText('{{uuid}} {{uuid}}').split(' ');
    expect(a).toMatch(UUID_V4);
    expect(b).not.toBe(a);
  });

  test('random values at the edges of [0, 1) still give a well-formed uuid', () => {
    expect(renderText('{{uuid}}', request(), { now: NOW, random: () => 0 })).toBe('00000000-0000-4000-8000-000000000000');
    expect(renderText('{{uuid}}', request(), { now: NOW, random: () => 0.9999999999 })).toMatch(UUID_V4);
  });
});

describe('random_int', () => {
  test('random_int includes both bounds', () => {
    expect(renderText('{{random_int 1 3}}', request(), { now: NOW, random: () => 0 })).toBe('1');
    expect(renderText('{{random_int 1 3}}', request(), { now: NOW, random: () => 0.999999 })).toBe('3');
  });

  test('random_int stays within its bounds and reaches all of them over many draws', () => {
    const random = seeded(3);
    const response = renderText; // one compile per call is fine here
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(response('{{random_int 5 8}}', request(), { now: NOW, random }));
    expect([...seen].sort()).toEqual(['5', '6', '7', '8']);
  });

  test('random_int is reproducible from the seed', () => {
    const t = '{{random_int 1 1000000}}-{{random_int 1 1000000}}';
    expect(renderText(t, request(), env(11))).toBe(renderText(t, request(), env(11)));
  });

  test('random_int takes its bounds from request data too', () => {
    const ctx = request({ query: { lo: '10', hi: '10' } });
    expect(renderText('{{random_int query.lo query.hi}}', ctx)).toBe('10');
  });

  test('random_int with a bound that is not a number renders nothing', () => {
    expect(renderText('[{{random_int 1 query.q}}]')).toBe('[]');
  });

  test('inside a JSON response, {{json (random_int …)}} gives a number, not a string', () => {
    expect(renderJson({ n: '{{json (random_int 4 4)}}' })).toEqual({ n: 4 });
  });
});

describe('faker', () => {
  test('faker runs the named generator', () => {
    const name = renderText('{{faker "person.firstName"}}');
    expect(name).toMatch(/^[A-Z][A-Za-z' -]+$/);
  });

  test('faker output is reproducible from the seed and changes with it', () => {
    const t = '{{faker "person.fullName"}} <{{faker "internet.email"}}> {{faker "location.city"}}';
    const a = renderText(t, request(), env(21));
    expect(renderText(t, request(), env(21))).toBe(a);
    expect(renderText(t, request(), env(22))).not.toBe(a);
  });

  test('faker passes literal arguments and named options through', () => {
    expect(renderText('{{faker "number.int" min=7 max=7}}')).toBe('7');
    expect(renderText('{{faker "string.numeric" 5}}')).toMatch(/^\d{5}$/);
  });

  test('faker dates are relative to the render clock and printed in ISO-8601', () => {
    const out = renderText('{{faker "date.recent"}}');
    expect(out).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const t = Date.parse(out);
    expect(t).toBeLessThanOrEqual(NOW);
    expect(t).toBeGreaterThanOrEqual(NOW - 24 * 3600 * 1000);
  });

  test('a faker call that fails on request data renders nothing instead of failing the response', () => {
    const ctx = request({ query: { n: 'not-a-number' } });
    expect(renderText('[{{faker "string.numeric" query.n}}]', ctx)).toMatch(/^\[\d*\]$/);
    expect(renderText('[{{faker "number.int" min=5 max=query.n}}]', request({ query: { n: '1' } }))).toBe('[]');
  });
});

describe('json', () => {
  test('json writes a value as JSON text', () => {
    expect(renderText('{{json body.user}}')).toBe('{"name":"Ada","roles":["admin","dev"]}');
    expect(renderText('{{json params.id}}')).toBe('"42"');
  });

  test('json takes an optional indent', () => {
    expect(renderText('{{json body.user.roles 2}}')).toBe('[\n  "admin",\n  "dev"\n]');
  });

  test('json of something missing is null', () => {
    expect(renderText('{{json body.nothing}}')).toBe('null');
  });

  test('a JSON string that is exactly {{json X}} becomes the value of X itself', () => {
    expect(renderJson({ echo: '{{json body}}', count: '{{json (random_int 2 2)}}', none: '{{json body.nope}}' })).toEqual({
      echo: { user: { name: 'Ada', roles: ['admin', 'dev'] } },
      count: 2,
      none: null,
    });
  });

  test('json inside a longer string is JSON text within that string', () => {
    expect(renderJson({ msg: 'user={{json body.user.name}}' })).toEqual({ msg: 'user="Ada"' });
  });
});
