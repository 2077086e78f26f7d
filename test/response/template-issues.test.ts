import { ErrorCodes } from '../../src/errors/codes';
import { compileResponse } from '../../src/response/compile-response';
import { issuesOf, locateTable } from './support';

const NAME = '/response/user/name';

describe('template mistakes are config issues at the string that holds them', () => {
  test('an unknown helper is reported with code, file and the position of its string', () => {
    const issues = issuesOf({ response: { user: { name: '{{fulname "x"}}' } } }, { [NAME]: [12, 15] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'api.yaml', line: 12, col: 15, code: ErrorCodes.CONFIG_TEMPLATE });
    expect(issues[0].message).toContain('unknown helper "fulname"');
  });

  test('a bare top-level name that is neither a helper nor request data is reported', () => {
    const [issue] = issuesOf({ response: { user: { name: 'hi {{nmae}}' } } }, { [NAME]: [3, 9] });
    expect(issue).toMatchObject({ line: 3, col: 9, code: ErrorCodes.CONFIG_TEMPLATE });
    expect(issue.message).toMatch(/unknown helper or request data "nmae".*request data: params, query, headers, body, method, path/);
  });

  test('a path that starts at an unknown root is reported', () => {
    const [issue] = issuesOf({ response: '{{param.id}}' }, { '/response': [4, 11] });
    expect(issue).toMatchObject({ line: 4, col: 11 });
    expect(issue.message).toContain('unknown request data "param.id"');
  });

  test('names inside #each and #with refer to the item and are not checked against request data', () => {
    expect(() => issuesOf({ response: '{{#each body.items}}{{sku}}{{/each}}{{#with body}}{{anything}}{{/with}}' })).toThrow(
      'expected compile issues, got none',
    );
  });

  test('a syntax error is reported with a readable message', () => {
    const [issue] = issuesOf({ response: { user: { name: 'Hello {{params.id' } } }, { [NAME]: [5, 2] });
    expect(issue).toMatchObject({ line: 5, col: 2, code: ErrorCodes.CONFIG_TEMPLATE });
    expect(issue.message).toMatch(/^template "Hello \{\{params\.id": syntax error: unexpected/);
    expect(issue.message).not.toContain('\n');
  });

  test('a block closed with the wrong name is a syntax error', () => {
    const [issue] = issuesOf({ response: '{{#if body}}x{{/each}}' });
    expect(issue.message).toContain("syntax error: if doesn't match each");
  });

  test('a faker generator that does not exist is reported at the string', () => {
    const issues = issuesOf({ response: { user: { name: '{{faker "person.fistName"}}' } } }, { [NAME]: [8, 3] });
    expect(issues).toEqual([expect.objectContaining({ line: 8, col: 3, code: ErrorCodes.CONFIG_TEMPLATE })]);
    expect(issues[0].message).toContain('faker has no generator "person.fistName"');
  });

  test('faker paths that reach faker internals or Object.prototype are not generators', () => {
    for (const path of ['seed', 'person', 'person.constructor', 'person.toString', 'fakerCore.randomizer', 'person.faker', 'person.firstName.call']) {
      const [issue] = issuesOf({ response: `{{faker "${path}"}}` });
      expect(issue.message).toContain(`faker has no generator "${path}"`);
    }
  });

  test('faker needs a quoted generator name', () => {
    const [issue] = issuesOf({ response: '{{faker query.kind}}' });
    expect(issue.message).toContain('faker needs a quoted generator name');
  });

  test('a faker call whose literal arguments cannot work is reported at compile time', () => {
    const [issue] = issuesOf({ response: '{{faker "number.int" min=10 max=1}}' });
    expect(issue.message).toMatch(/faker "number.int" fails with these arguments: .+/);
  });

  test('helpers are checked for their number of arguments and literal types', () => {
    expect(issuesOf({ response: '{{random_int 1}}' })[0].message).toContain('"random_int" takes 2 arguments, got 1');
    expect(issuesOf({ response: '{{uuid 4}}' })[0].message).toContain('"uuid" takes 0 arguments, got 1');
    expect(issuesOf({ response: '{{random_int 1 "ten"}}' })[0].message).toContain('"random_int" needs a number here, got "ten"');
    expect(issuesOf({ response: '{{json}}' })[0].message).toContain('"json" takes 1 to 2 arguments, got 0');
  });

  test('block helpers must be used as blocks and inline helpers must not be', () => {
    expect(issuesOf({ response: '{{if body}}' })[0].message).toContain('"if" is a block helper');
    expect(issuesOf({ response: '{{#uuid}}x{{/uuid}}' })[0].message).toContain('"uuid" is not a block helper');
    expect(issuesOf({ response: '{{#each}}x{{/each}}' })[0].message).toContain('"each" takes 1 argument, got 0');
  });

  test('unknown helpers inside subexpressions and blocks are found too', () => {
    expect(issuesOf({ response: '{{json (nope body)}}' })[0].message).toContain('unknown helper "nope"');
    expect(issuesOf({ response: '{{#each body.items}}{{shout name}}{{/each}}' })[0].message).toContain('unknown helper "shout"');
  });

  test('a helper name used as a plain argument is not called, so it is flagged', () => {
    expect(issuesOf({ response: '{{json uuid}}' })[0].message).toContain('write (uuid) to call the helper');
  });

  test('partials, decorators and the log helper are not available', () => {
    expect(issuesOf({ response: '{{> header}}' })[0].message).toContain('partials');
    expect(issuesOf({ response: '{{log "x"}}' })[0].message).toContain('unknown helper "log"');
    expect(issuesOf({ response: '{{*inline}}' })[0].message).toContain('decorators');
    expect(issuesOf({ response: '{{#*inline "p"}}x{{/inline}}' })[0].message).toContain('decorators');
  });

  test('every mistake in a response is reported, not only the first', () => {
    const issues = issuesOf(
      { response: { a: '{{nope1}}', b: ['{{nope2}}'] }, headers: { 'X-Id': '{{nope3}}' } },
      { '/response/a': [2, 1], '/response/b/0': [3, 1], '/headers/X-Id': [4, 1] },
    );
    expect(issues.map((i) => i.line)).toEqual([2, 3, 4]);
  });

  test('a multi-line template reports the line and column of the offending name inside it', () => {
    const [issue] = issuesOf({ response: 'line one\n  and {{oops}} here' });
    expect(issue.message).toMatch(/^template line 2, col 9: unknown helper or request data "oops"/);
  });

  test('issues inside a sequence step or failure locate under its pointer prefix', () => {
    const { locate, asked } = locateTable();
    compileResponse({ response: { user: { name: '{{nope}}' } }, headers: { 'X-A': '{{nope}}' } }, locate, '/sequence/2');
    expect(asked).toEqual(['/sequence/2/response/user/name', '/sequence/2/headers/X-A']);
  });

  test('pointer tokens with / and ~ are escaped', () => {
    const issues = issuesOf({ response: { 'a/b': { 'c~d': '{{nope}}' } } }, { '/response/a~1b/c~0d': [9, 9] });
    expect(issues[0]).toMatchObject({ line: 9, col: 9 });
  });
});
