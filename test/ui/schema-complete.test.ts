import { configSchema } from '../../src/config/schema';
import { cursorPlace, keysAt, valuesAt, type SchemaNode } from '../../src/ui/schema-complete';

// The editor's completion, from the schema GET /__schema serves (the one `mockdock schema` prints).
const schema = configSchema as unknown as SchemaNode;
const labels = (o: { label: string }[]) => o.map((x) => x.label);

describe('completion in the endpoint editor', () => {
  it('offers an endpoint\'s keys at the top level, each with its description', () => {
    const keys = keysAt(schema, []);
    expect(labels(keys)).toEqual(expect.arrayContaining(['path', 'method', 'status', 'response', 'latency_ms', 'failure_rate', 'rate_limit']));
    expect(keys.find((k) => k.label === 'failure_rate')?.info).toEqual(expect.any(String));
  });

  it('offers the keys of a nested option, through references, alternatives and lists', () => {
    expect(labels(keysAt(schema, ['rate_limit']))).toEqual(expect.arrayContaining(['limit', 'window_s']));
    expect(labels(keysAt(schema, ['failure']))).toEqual(expect.arrayContaining(['kind', 'status', 'weight']));
  });

  it('offers the values of a key with a fixed set', () => {
    expect(labels(valuesAt(schema, ['failure', 'kind']))).toEqual(expect.arrayContaining(['status', 'reset', 'timeout']));
  });

  it('finds where the cursor is: the keys above it, and whether it types a key or a value', () => {
    const doc = ['endpoints:', '  - name: a', '    rate_limit:', '      lim', '    failure:', '      - kind: res', '    meth'];
    expect(cursorPlace(doc, 3, 9)).toEqual({ path: ['rate_limit'], key: null });
    expect(cursorPlace(doc, 5, 17)).toEqual({ path: ['failure'], key: 'kind' });
    expect(cursorPlace(doc, 6, 8)).toEqual({ path: [], key: null });
    expect(cursorPlace(['response: { a: b'], 0, 15)).toBeNull();
  });
});
