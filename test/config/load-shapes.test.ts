import * as path from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { ErrorCodes } from '../../src/errors/codes';
import { fixture, loadOk, tempFolder } from './fixtures';

describe('loading the three shapes of a config file', () => {
  it('reads a single object, a list, {defaults, endpoints} and the JSON seed form, in path order', async () => {
    const result = await loadOk(fixture('shapes'));
    expect(result.files).toEqual(['empty.yaml', 'list.json', 'list.yml', 'seed-form.json', 'single.yaml', 'with-defaults.yaml', 'wrapped.json']);
    expect(result.endpoints.map((e) => `${e.def.method} ${e.def.path} ${e.def.status ?? '-'}`)).toEqual([
      'GET /json/one -',
      'GET /json/two -',
      'GET /list/one -',
      'POST /list/two 201',
      'GET /api/endpoint 200',
      'GET /single -',
      'GET /defaults/one 202',
      'GET /defaults/two 200',
      'GET /wrapped -',
    ]);
    expect(result.endpoints.map((e) => e.order)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('keeps the seed JSON form exactly as written', async () => {
    const result = await loadOk(fixture('shapes'));
    const seed = result.endpoints.find((e) => e.def.path === '/api/endpoint');
    expect(seed?.def).toEqual({
      path: '/api/endpoint',
      method: 'GET',
      name: 'GET /api/endpoint',
      response: { data: 'value' },
      status: 200,
      latency_ms: 100,
      failure_rate: 0.1,
    });
  });

  it('records where each endpoint starts, in YAML and in JSON', async () => {
    const result = await loadOk(fixture('shapes'));
    const at = (p: string) => {
      const source = result.endpoints.find((e) => e.def.path === p)?.source;
      return source && `${source.file}:${source.line}:${source.col}`;
    };
    expect(at('/json/one')).toBe('list.json:2:3');
    expect(at('/json/two')).toBe('list.json:3:3');
    expect(at('/list/two')).toBe('list.yml:3:3');
    expect(at('/api/endpoint')).toBe('seed-form.json:1:1');
    expect(at('/single')).toBe('single.yaml:2:1');
    expect(at('/defaults/two')).toBe('with-defaults.yaml:6:5');
    expect(at('/wrapped')).toBe('wrapped.json:4:5');
  });

  it('drops the editor-only $schema key', async () => {
    const result = await loadOk(fixture('shapes'));
    expect(result.endpoints.every((e) => !('$schema' in e.def))).toBe(true);
  });

  it('loads a single file given instead of a folder, naming it as given', async () => {
    const file = path.join(fixture('shapes'), 'list.yml');
    const result = await loadOk(file);
    expect(result.files).toEqual([file]);
    expect(result.endpoints.map((e) => e.def.path)).toEqual(['/list/one', '/list/two']);
    expect(result.endpoints[0].source.file).toBe(file);
  });

  it('accepts an empty folder as a config with no endpoints', async () => {
    const { dir, cleanup } = tempFolder();
    try {
      expect(await loadConfig(dir)).toEqual({ ok: true, endpoints: [], files: [], settings: expect.objectContaining({ settings: {}, file: null, issues: [] }) });
    } finally {
      cleanup();
    }
  });

  it('reports a missing config folder as one folder issue', async () => {
    const missing = path.join(fixture('shapes'), 'no-such-folder');
    const result = await loadConfig(missing);
    expect(result).toMatchObject({
      ok: false,
      files: [],
      issues: [{ file: missing, line: 1, col: 1, code: ErrorCodes.CONFIG_FOLDER, pointer: '', message: `config folder "${missing}" does not exist` }],
    });
  });

  it('reads a UTF-8 byte order mark and CRLF line endings without complaint', async () => {
    const { dir, cleanup } = tempFolder({ 'win.yaml': '\ufeff- path: /a\r\n  status: 201\r\n- path: /b\r\n', 'win.json': '\ufeff[{"path": "/c"}]' });
    try {
      const result = await loadOk(dir);
      expect(result.endpoints.map((e) => `${e.def.path} ${e.source.line}:${e.source.col}`)).toEqual(['/c 1:2', '/a 1:3', '/b 3:3']);
    } finally {
      cleanup();
    }
  });

  it('turns header and query values that YAML reads as numbers or booleans into text', async () => {
    const yaml = [
      '- path: /a',
      '  headers: { X-Count: 5, X-Flag: true }',
      '  match: { query: { page: 2 }, headers: { X-Id: 7 } }',
      '  failure: { headers: { Retry-After: 3 } }',
      '  sequence: [{ headers: { X-Step: 1 } }]',
    ].join('\n');
    const { dir, cleanup } = tempFolder({ 'a.yaml': yaml });
    try {
      const [endpoint] = (await loadOk(dir)).endpoints;
      expect(endpoint.def.headers).toEqual({ 'X-Count': '5', 'X-Flag': 'true' });
      expect(endpoint.def.match).toEqual({ query: { page: '2' }, headers: { 'X-Id': '7' } });
      expect(endpoint.def.failure).toEqual({ headers: { 'Retry-After': '3' } });
      expect(endpoint.def.sequence).toEqual([{ headers: { 'X-Step': '1' } }]);
    } finally {
      cleanup();
    }
  });

  it('upper-cases the method and defaults it to GET', async () => {
    const { dir, cleanup } = tempFolder({ 'a.yaml': '- { path: /a, method: delete }\n- { path: /b }\n- { path: /c, method: any }\n' });
    try {
      expect((await loadOk(dir)).endpoints.map((e) => e.def.method)).toEqual(['DELETE', 'GET', 'ANY']);
    } finally {
      cleanup();
    }
  });
});
