import type { LoadedEndpoint } from '../../src/model/endpoint';
import { fixture, loadOk, tempFolder } from './fixtures';

async function endpoint(name: string): Promise<LoadedEndpoint> {
  const found = (await loadOk(fixture('locate'))).endpoints.find((e) => e.def.name === name);
  if (!found) throw new Error(`no endpoint ${name}`);
  return found;
}

function at(e: LoadedEndpoint, pointer: string): string {
  const ref = e.locate(pointer);
  return `${ref.file}:${ref.line}:${ref.col}`;
}

describe('locating values inside an endpoint', () => {
  it('finds the endpoint itself at its source', async () => {
    const user = await endpoint('user');
    expect(at(user, '')).toBe('api.yaml:7:5');
    expect(user.source).toEqual({ file: 'api.yaml', line: 7, col: 5 });
  });

  it('finds nested values at their keys, and list items where they start', async () => {
    const user = await endpoint('user');
    expect(at(user, '/response/user/name')).toBe('api.yaml:13:9');
    expect(at(user, '/response/user/tags/1')).toBe('api.yaml:16:13');
    expect(at(user, '/headers/X-Own')).toBe('api.yaml:10:7');
  });

  it('finds a value merged in from defaults where the defaults wrote it', async () => {
    const user = await endpoint('user');
    expect(at(user, '/headers/X-Mock')).toBe('api.yaml:3:5');
    expect(at(user, '/match/query/tenant')).toBe('api.yaml:5:14');
    const second = await endpoint('second');
    expect(at(second, '/match/query/tenant')).toBe('api.yaml:5:14');
    expect(at(second, '/match/query/page')).toBe('api.yaml:20:16');
  });

  it('falls back to the nearest enclosing value that exists', async () => {
    const user = await endpoint('user');
    expect(at(user, '/response/user/missing/deeper')).toBe('api.yaml:12:7');
    expect(at(user, '/response/user/tags/9')).toBe('api.yaml:14:9');
    expect(at(user, '/no-such-key')).toBe('api.yaml:7:5');
  });

  it('understands escaped pointer segments', async () => {
    const { dir, cleanup } = tempFolder({ 'a.yaml': '- path: /a\n  response:\n    "a/b": { "c~d": 1 }\n' });
    try {
      const [e] = (await loadOk(dir)).endpoints;
      expect(at(e, '/response/a~1b/c~0d')).toBe('a.yaml:3:14');
    } finally {
      cleanup();
    }
  });

  it('locates inside JSON files as well', async () => {
    const json = await endpoint('json');
    expect(at(json, '')).toBe('json.json:2:3');
    expect(at(json, '/response/items/1/id')).toBe('json.json:8:11');
  });

  it('gives the same answer when asked again', async () => {
    const user = await endpoint('user');
    const first = at(user, '/response/user/name');
    for (let i = 0; i < 3; i++) expect(at(user, '/response/user/name')).toBe(first);
  });
});
