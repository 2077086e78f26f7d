/** Keys other capabilities add (scenario, proxy, crud) are written once the schema has them, and reported until then. */
import path from 'node:path';
import { importWiremock } from '../../src/import/wiremock/import-wiremock';
import { importMockoon } from '../../src/import/mockoon/import-mockoon';
import { supportsKey } from '../../src/writer/capabilities';

const FIXTURES = path.join(__dirname, '../fixtures/import');
const endpoints = (plan: ReturnType<typeof importWiremock>) => plan.files.flatMap((f) => f.blocks.flatMap((b) => b.endpoints)) as unknown as Record<string, unknown>[];

describe('capability keys in imports', () => {
  it('reads what this build supports from the config schema', () => {
    expect(supportsKey('rate_limit')).toBe(true);
    expect(supportsKey('no_such_key')).toBe(false);
  });

  it('writes WireMock scenarios and proxy stubs as scenario, when_state, set_state and proxy once they exist', () => {
    const plan = importWiremock(path.join(FIXTURES, 'wiremock'), { bodyPrefix: '__files/imported', supports: () => true });
    const all = endpoints(plan);
    expect(all.find((e) => e.name === 'cart scenario: empty')).toMatchObject({ scenario: 'cart', when_state: 'started', set_state: 'has item' });
    expect(all.find((e) => e.name === 'passthrough')).toMatchObject({ method: 'ANY', path: '/upstream/*', proxy: 'http://127.0.0.1:9' });
    expect(plan.notes.map((n) => n.what)).not.toContain('scenario cart');
  });

  it('reports them, naming the stub, while this build has no such keys', () => {
    const plan = importWiremock(path.join(FIXTURES, 'wiremock'), { bodyPrefix: '__files/imported', supports: () => false });
    expect(plan.notes).toEqual(expect.arrayContaining([
      expect.objectContaining({ stub: 'cart scenario: empty', what: 'scenario cart' }),
      expect.objectContaining({ stub: 'passthrough', what: 'the stub' }),
    ]));
    expect(endpoints(plan).some((e) => 'scenario' in e || 'proxy' in e)).toBe(false);
  });

  it('writes a Mockoon CRUD route as crud seeded from its data bucket once crud exists', () => {
    const plan = importMockoon(path.join(FIXTURES, 'mockoon/shop.json'), { bodyPrefix: '__files/imported', supports: () => true });
    expect(endpoints(plan).find((e) => 'crud' in e)).toEqual({ path: '/api/v1/products', crud: { seed: [{ id: 1, name: 'Tea' }, { id: 2, name: 'Cup' }], id: 'id' } });
  });
});
