import { renderJson, renderText, request } from './support';

describe('request data in templates', () => {
  test('params, query, headers, body, method and path are readable', () => {
    const out = renderText(
      '{{params.id}}|{{query.q}}|{{headers.[x-request-id]}}|{{body.user.name}}|{{method}}|{{path}}',
    );
    expect(out).toBe('42|shoes|req-7|Ada|POST|/api/users/42');
  });

  test('header names with dashes work with or without brackets', () => {
    expect(renderText('{{headers.x-request-id}} {{headers.[x-request-id]}}')).toBe('req-7 req-7');
  });

  test('missing values render as nothing', () => {
    expect(renderText('[{{params.nope}}][{{body.user.age.years}}][{{query.none}}]')).toBe('[][][]');
    expect(renderText('[{{body.user.name}}]', request({ body: undefined }))).toBe('[]');
  });

  test('a repeated query parameter renders as its values joined with commas', () => {
    expect(renderText('{{query.tag}}')).toBe('a,b');
    expect(renderText('{{query.tag.[0]}}')).toBe('a');
  });

  test('array items are reachable by index', () => {
    expect(renderText('{{body.user.roles.[1]}} {{lookup body.user.roles 0}}')).toBe('dev admin');
  });

  test('a text body is available as a string', () => {
    expect(renderText('got {{body}}', request({ body: 'plain text' }))).toBe('got plain text');
  });

  test('@root and this. reach the same request data', () => {
    expect(renderText('{{@root.params.id}} {{this.method}} {{./path}}')).toBe('42 POST /api/users/42');
  });

  test('lookup reads a key chosen by the request', () => {
    const ctx = request({ query: { field: 'name' } });
    expect(renderText('{{lookup body.user query.field}}', ctx)).toBe('Ada');
  });

  test('output is not HTML-escaped', () => {
    const ctx = request({ body: { html: '<b>"Tom & Jerry"</b> \'x\' `y` =' } });
    expect(renderText('{{body.html}}', ctx)).toBe('<b>"Tom & Jerry"</b> \'x\' `y` =');
    expect(renderText('{{#if body.html}}{{body.html}}{{/if}}', ctx)).toBe('<b>"Tom & Jerry"</b> \'x\' `y` =');
  });

  test('in a JSON response, rendered strings are JSON-escaped so the body stays valid JSON', () => {
    const ctx = request({ body: { text: 'quote " backslash \\ newline \n end' } });
    expect(renderJson({ echo: '{{body.text}}' }, ctx)).toEqual({ echo: 'quote " backslash \\ newline \n end' });
  });

  test('templated strings anywhere in a JSON value are rendered and keys stay literal', () => {
    const out = renderJson({ '{{params.id}}': ['{{method}}', { deep: 'id {{params.id}}' }], n: 1, b: true, z: null });
    expect(out).toEqual({ '{{params.id}}': ['POST', { deep: 'id 42' }], n: 1, b: true, z: null });
  });
});

describe('block helpers', () => {
  test('each iterates over request data', () => {
    expect(renderText('{{#each body.user.roles}}[{{@index}}:{{this}}]{{/each}}')).toBe('[0:admin][1:dev]');
  });

  test('each with block params and else', () => {
    const t = '{{#each body.items as |item|}}{{item.sku}};{{else}}none{{/each}}';
    expect(renderText(t, request({ body: { items: [{ sku: 'A1' }, { sku: 'B2' }] } }))).toBe('A1;B2;');
    expect(renderText(t, request({ body: {} }))).toBe('none');
  });

  test('if, unless and with', () => {
    const t = '{{#if query.q}}q={{query.q}}{{else}}no q{{/if}} {{#unless body.admin}}guest{{/unless}} {{#with body.user}}{{name}}{{/with}}';
    expect(renderText(t)).toBe('q=shoes guest Ada');
  });

  test('else-if chains pick the first true branch', () => {
    const t = '{{#if body.a}}A{{else if body.b}}B{{else}}C{{/if}}';
    expect(renderText(t, request({ body: { b: 1 } }))).toBe('B');
    expect(renderText(t, request({ body: {} }))).toBe('C');
  });

  test('inside a loop, @root and ../ reach the request data', () => {
    expect(renderText('{{#each body.user.roles}}{{this}}@{{@root.params.id}}/{{../method}};{{/each}}')).toBe('admin@42/POST;dev@42/POST;');
  });

  test('a section over data renders its body with the data as context', () => {
    expect(renderText('{{#body.user}}{{name}}{{/body.user}}')).toBe('Ada');
  });

  test('helpers work inside blocks', () => {
    const out = renderText('{{#each body.user.roles}}{{random_int 1 1}}{{date}};{{/each}}');
    expect(out).toBe('12024-02-29;12024-02-29;');
  });
});

describe('prototype access', () => {
  test('properties from the prototype chain render as nothing', () => {
    const out = renderText(
      '[{{body.constructor}}][{{body.constructor.name}}][{{params.__proto__}}][{{body.user.toString}}][{{body.user.roles.length}}][{{method.constructor.name}}]',
    );
    // `length` of an array is its own property, as in Handlebars; everything inherited is hidden.
    expect(out).toBe('[][][][][2][]');
  });

  test('prototype properties stay hidden inside blocks too', () => {
    const out = renderText('{{#with body}}[{{constructor.name}}][{{__proto__}}][{{hasOwnProperty}}]{{/with}}');
    expect(out).toBe('[][][]');
    expect(renderText('[{{lookup body "constructor"}}]')).toBe('[]');
    expect(renderText('{{#each body.user.roles}}[{{lookup this "constructor"}}]{{/each}}')).toBe('[][]');
  });

  test('a body with its own __proto__ key is plain data and pollutes nothing', () => {
    const body = JSON.parse('{"__proto__": {"polluted": "yes"}, "a": 1}');
    const out = renderText('{{json body.__proto__}}{{#with body}}{{a}}{{/with}}', request({ body }));
    expect(out).toBe('{"polluted":"yes"}1');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a body whose keys shadow conversion methods still renders', () => {
    const body = { toString: 'x', valueOf: 'y', nested: { toString: 1 } };
    expect(renderText('[{{body}}][{{body.nested}}]', request({ body }))).toBe('[[object Object]][[object Object]]');
    expect(renderText('[{{random_int body 3}}][{{json body.nested}}][{{json body 1}}]', request({ body }))).toBe('[][{"toString":1}][{\n "toString": "x",\n "valueOf": "y",\n "nested": {\n  "toString": 1\n }\n}]');
    // Handlebars itself cannot print such an object; a block template then renders empty rather than failing.
    expect(renderText('{{#if body}}[{{body.nested}}]{{/if}}', request({ body }))).toMatch(/^(\[\[object Object\]\])?$/);
  });
});
