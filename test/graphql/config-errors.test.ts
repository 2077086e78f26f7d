import { compileGraphql } from '../../src/graphql/compile-graphql';
import type { GraphqlSpec } from '../../src/graphql/graphql-spec';
import { compile, fakeLocate, files } from './helpers';

const issuesOf = (spec: Partial<GraphqlSpec>) => {
  const result = compile(spec);
  if (result.ok) throw new Error('expected config issues');
  return result.issues;
};

describe('config problems of graphql endpoints', () => {
  it('reports an SDL file that does not parse at the file, line and column of the SDL', () => {
    const sdl = 'type Query {\n  a: Int\n  b: \n}\n';
    const result = compileGraphql({ schema_file: 'schema.graphql' }, fakeLocate(), files({ 'schema.graphql': sdl }), { seed: 1, name: 'g' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([expect.objectContaining({ file: 'schema.graphql', line: 4, col: 1, code: 'E_CONFIG_GRAPHQL_SCHEMA', message: expect.stringMatching(/Syntax Error: Expected Name, found "}"/) })]);
  });

  it('reports every unknown type of an SDL file where it is used', () => {
    const sdl = 'type Query {\n  a: Strin\n  b: Usr\n}\n';
    const result = compileGraphql({ schema_file: 'schema.graphql' }, fakeLocate(), files({ 'schema.graphql': sdl }), { seed: 1, name: 'g' });
    if (result.ok) throw new Error('expected issues');
    expect(result.issues.map((i) => `${i.file}:${i.line}:${i.col} ${i.message}`)).toEqual([
      'schema.graphql:2:6 Unknown type "Strin". Did you mean "String"?',
      'schema.graphql:3:6 Unknown type "Usr".',
    ]);
  });

  it('reports inline SDL at the schema key, naming the line and column inside it', () => {
    const locate = fakeLocate();
    const result = compileGraphql({ schema: 'type Query {\n  a: Int\n' }, locate, files({}), { seed: 1, name: 'g' });
    if (result.ok) throw new Error('expected issues');
    expect(result.issues[0].message).toMatch(/^schema line 3, col 1: Syntax Error/);
    expect(locate.pointerAt(result.issues[0].line)).toBe('/graphql/schema');
  });

  it('reports a missing schema file, and a graphql key with neither or both sources', () => {
    const missing = compileGraphql({ schema_file: 'nope.graphql' }, fakeLocate(), files({}), { seed: 1, name: 'g' });
    expect(!missing.ok && missing.issues[0].message).toMatch(/schema_file "nope.graphql" does not exist/);
    expect(issuesOf({ schema: undefined })[0].message).toMatch(/exactly one of schema_file .* or schema/);
    expect(issuesOf({ schema_file: 'x.graphql' })[0].message).toMatch(/exactly one of/);
  });

  it('reports mocks naming types or fields the schema lacks, and enum values it does not define', () => {
    const messages = issuesOf({ mocks: { Usr: { name: 'x' }, User: { nam: 'x' }, Role: 'OWNER', Int: { a: 1 } } }).map((i) => i.message);
    expect(messages).toEqual([
      'graphql.mocks names the type Usr, which the schema does not define',
      expect.stringMatching(/^graphql.mocks.User.nam: User has no field nam \(it has id, name/),
      'graphql.mocks.Role is "OWNER", not one of ADMIN, EDITOR, VIEWER',
      'graphql.mocks.Int must be one value (Int is a scalar type)',
    ]);
  });

  it('reports broken templates, bad operations, bad subscriptions and bad settings', () => {
    const messages = issuesOf({
      list_length: -1,
      mocks: { User: { name: '{{nohelper}}' } },
      operations: [{ operation: '', latency_ms: -5 } as never, { operation: 'X', failure_rate: 2 }],
      subscriptions: [{ subscription: 'nothing' }, { subscription: 'ticks', every_ms: 0, times: 0 }],
    }).map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/list_length must be a whole number from 0 to 100/),
      expect.stringMatching(/nohelper/),
      expect.stringMatching(/must name the operation/),
      expect.stringMatching(/latency_ms must be a number of milliseconds >= 0/),
      expect.stringMatching(/failure_rate must be a number from 0 to 1/),
      expect.stringMatching(/subscription "nothing" is not a field of the schema's Subscription type \(it has userAdded, ticks\)/),
      expect.stringMatching(/every_ms must be a number of milliseconds >= 1/),
      expect.stringMatching(/times must be a whole number >= 1/),
    ]));
  });
});
