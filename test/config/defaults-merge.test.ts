import { mergeDefaults } from '../../src/config/merge-defaults';
import { fixture, loadOk } from './fixtures';

describe('merging a file\'s defaults under its endpoints', () => {
  it('gives an endpoint that sets nothing every default', async () => {
    const { endpoints } = await loadOk(fixture('defaults'));
    const inherit = endpoints.find((e) => e.def.name === 'inherits-everything');
    expect(inherit?.def).toEqual({
      name: 'inherits-everything',
      path: '/inherit',
      method: 'POST',
      status: 202,
      headers: { 'X-Mock': 'true', 'Cache-Control': 'no-store' },
      match: { query: { tenant: 'acme' }, headers: { Authorization: { regex: '^Bearer ' } }, body: { kind: 'default' } },
      latency_ms: [10, 20],
      response: { from: 'defaults' },
    });
  });

  it('merges headers and match conditions name by name, the endpoint winning; replaces other keys whole', async () => {
    const { endpoints } = await loadOk(fixture('defaults'));
    const override = endpoints.find((e) => e.def.name === 'overrides');
    expect(override?.def).toEqual({
      name: 'overrides',
      path: '/override',
      method: 'PUT',
      status: 200,
      headers: { 'X-Mock': 'true', 'cache-control': 'max-age=60', 'X-Count': '5' },
      match: { query: { tenant: 'acme', page: '2' }, headers: { Authorization: { regex: '^Bearer ' } }, body: { kind: 'own' } },
      latency_ms: 5,
      response: { from: 'endpoint' },
    });
  });

  it('treats response and body_file as one slot: setting either drops the default of both', async () => {
    const { endpoints } = await loadOk(fixture('defaults'));
    const fromFile = endpoints.find((e) => e.def.name === 'body-from-file');
    expect(fromFile?.def.response).toBeUndefined();
    expect(fromFile?.def.body_file).toBe('__files/hello.txt');
    expect(fromFile?.bodyFile?.content.toString()).toBe('hello\n');
  });

  it('applies defaults within their own file only', async () => {
    const { endpoints } = await loadOk(fixture('defaults'));
    const plain = endpoints.find((e) => e.def.name === 'no-defaults');
    expect(plain?.def).toEqual({ name: 'no-defaults', path: '/plain', method: 'GET' });
  });

  it('keeps a key named __proto__ as plain data, never as a prototype', () => {
    const own = JSON.parse('{"path": "/a", "headers": {"__proto__": "x"}, "match": {"query": {"__proto__": "y"}}}');
    const merged = mergeDefaults({ headers: { A: '1' }, match: { query: { q: '1' } } }, own);
    expect(Object.keys(merged.headers as object)).toEqual(['A', '__proto__']);
    expect(Object.keys((merged.match as { query: object }).query)).toEqual(['q', '__proto__']);
    expect(Object.getPrototypeOf(merged.headers)).toBe(Object.prototype);
  });

  it('leaves the endpoint and the defaults objects untouched', () => {
    const defaults = { headers: { A: '1' }, match: { query: { q: 'x' } } };
    const own = { path: '/a', headers: { B: '2' }, match: { query: { r: 'y' } } };
    const merged = mergeDefaults(defaults, own);
    expect(merged).toEqual({ path: '/a', headers: { A: '1', B: '2' }, match: { query: { q: 'x', r: 'y' } } });
    expect(defaults).toEqual({ headers: { A: '1' }, match: { query: { q: 'x' } } });
    expect(own).toEqual({ path: '/a', headers: { B: '2' }, match: { query: { r: 'y' } } });
  });
});
