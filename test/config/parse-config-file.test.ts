import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { parseConfigFile, type ParsedFile } from '../../src/config/parse-config-file';
import { scanJson } from '../../src/config/json-starts';

function parsed(text: string, json: boolean): ParsedFile {
  const outcome = parseConfigFile(text, json);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.file;
}

/** Endpoint-like objects whose strings are full of quotes, backslashes and non-ASCII text. */
const endpoint = fc.record({
  path: fc.string().map((s) => `/${s}`),
  response: fc.jsonValue(),
  headers: fc.dictionary(fc.string({ minLength: 1 }), fc.string()),
});

describe('parsing config text', () => {
  it('finds where each JSON endpoint starts, exactly where the yaml parser puts it', () => {
    fc.assert(
      fc.property(fc.array(endpoint, { maxLength: 5 }), fc.constantFrom(0, 2, '\t'), fc.boolean(), (list, indent, wrapped) => {
        const value = wrapped ? { defaults: { status: 201 }, endpoints: list } : list;
        const file = parsed(JSON.stringify(value, null, indent), true);
        const items = (wrapped ? (file.value as { endpoints: object[] }).endpoints : file.value) as object[];
        items.forEach((item, i) => {
          expect(file.starts.get(item)).toEqual(file.index.find(wrapped ? ['endpoints', i] : [i]).position);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('reads YAML to the same values as the yaml package', () => {
    fc.assert(
      fc.property(fc.array(endpoint, { maxLength: 4 }), (list) => {
        const text = stringify(list);
        // Through JSON, as the values are used: -0 and 0 are the same answer.
        expect(JSON.stringify(parsed(text, false).value)).toBe(JSON.stringify(parse(text)));
      }),
      { numRuns: 100 },
    );
  });

  it('finds where each YAML endpoint starts, in block and flow style', () => {
    const text = '# list\n- path: /a\n  status: 200\n-\n  path: /b\n- { path: /c }\n';
    const file = parsed(text, false);
    const items = file.value as object[];
    expect(items.map((item) => file.starts.get(item))).toEqual([
      { line: 2, col: 3 },
      { line: 5, col: 3 },
      { line: 6, col: 3 },
    ]);
  });

  it('counts keys through escaped quotes and backslashes in JSON strings', () => {
    const text = '{"a\\"": "x\\\\", "b": ["\\"]", {"c": "}"}], "endpoints": [{"d": 1}]}';
    const scan = scanJson(text);
    expect(scan.keyCount).toBe(5);
    expect(scan.children.map((c) => c.key)).toEqual(['a"', 'b', 'endpoints']);
    expect(scan.endpointItems).toEqual([text.indexOf('{"d"')]);
  });

  it('catches a repeated key deep inside a JSON file, which JSON.parse would let through', () => {
    const text = '[{"path": "/a", "response": {"x": {"y": 1, "y": 2}}}]';
    const outcome = parseConfigFile(text, true);
    expect(outcome).toEqual({ ok: false, problems: [{ line: 1, col: text.lastIndexOf('"y"') + 1, message: 'invalid JSON: duplicate key "y"' }] });
  });

  it('keeps YAML 1.2 core scalars: no timestamps, no yes/no booleans', () => {
    const file = parsed('date: 2024-01-15\nflag: yes\nhex: 0x1F\nnothing: ~\n', false);
    expect(file.value).toEqual({ date: '2024-01-15', flag: 'yes', hex: 31, nothing: null });
  });
});
