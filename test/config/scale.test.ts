import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadOk, tempFolder } from './fixtures';

describe('loading ten thousand endpoints', () => {
  it('reads them from many JSON files and one YAML file, each with its own position and a unique name', async () => {
    const { dir, cleanup } = tempFolder();
    try {
      for (let f = 0; f < 9; f++) {
        const list = Array.from({ length: 1000 }, (_, i) => ({ path: `/r/${f * 1000 + i}`, method: 'GET', response: { id: f * 1000 + i, tags: ['a', 'b'] } }));
        fs.writeFileSync(path.join(dir, `routes-${f}.json`), JSON.stringify(list));
      }
      const yaml = ['defaults:', '  headers: { X-Mock: "true" }', 'endpoints:'];
      for (let i = 9000; i < 10000; i++) yaml.push(`  - path: /same`, `    response: { id: ${i} }`);
      fs.writeFileSync(path.join(dir, 'routes-9.yaml'), yaml.join('\n'));

      const { endpoints } = await loadOk(dir);
      expect(endpoints).toHaveLength(10000);
      expect(new Set(endpoints.map((e) => e.def.name)).size).toBe(10000);
      const second = fs.readFileSync(path.join(dir, 'routes-1.json'), 'utf8');
      expect(endpoints[1234].source).toEqual({ file: 'routes-1.json', line: 1, col: second.indexOf('{"path":"/r/1234"') + 1 });
      expect(endpoints[9999].source).toEqual({ file: 'routes-9.yaml', line: 4 + 999 * 2, col: 5 });
      expect(endpoints[9999].def).toEqual({ path: '/same', method: 'GET', name: 'GET /same #1000', headers: { 'X-Mock': 'true' }, response: { id: 9999 } });
    } finally {
      cleanup();
    }
  });
});
