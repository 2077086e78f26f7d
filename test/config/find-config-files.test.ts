import * as fs from 'node:fs';
import * as path from 'node:path';
import { ErrorCodes } from '../../src/errors/codes';
import { loadConfig } from '../../src/config/load-config';
import { fixture, loadOk, tempFolder } from './fixtures';

describe('finding config files', () => {
  it('reads files in path order: names by character code, folders where they fall', async () => {
    const result = await loadOk(fixture('order'));
    expect(result.files).toEqual(['10-x.yaml', '9-x.yaml', 'C.yaml', 'a/z.yaml', 'a.yaml', 'b.yaml', 'sub/deep.json']);
    expect(result.endpoints.map((e) => e.def.path)).toEqual(['/10-x.yaml', '/9-x.yaml', '/C.yaml', '/a/z.yaml', '/a.yaml', '/b.yaml', '/sub/deep.json']);
  });

  it('skips __files folders, names starting with a dot, and other extensions', async () => {
    const result = await loadOk(fixture('order'));
    const paths = result.endpoints.map((e) => e.def.path);
    expect(paths).not.toContain('/never-read');
    expect(paths).not.toContain('/never-read-either');
    expect(paths).not.toContain('/hidden');
    expect(result.files.some((f) => f.endsWith('.txt'))).toBe(false);
  });

  it('reads a Kubernetes ConfigMap mount once, through its top-level links', async () => {
    const { dir, cleanup } = tempFolder({
      '..2026_01_02_03_04_05.000000001/users.yaml': '- path: /users\n',
      '..2026_01_02_03_04_05.000000001/orders.json': '[{ "path": "/orders" }]',
    });
    try {
      fs.symlinkSync('..2026_01_02_03_04_05.000000001', path.join(dir, '..data'));
      fs.symlinkSync('..data/users.yaml', path.join(dir, 'users.yaml'));
      fs.symlinkSync('..data/orders.json', path.join(dir, 'orders.json'));
      // A key removed from the ConfigMap leaves its link dangling for a moment.
      fs.symlinkSync('..data/removed.yaml', path.join(dir, 'removed.yaml'));
      const result = await loadOk(dir);
      expect(result.files).toEqual(['orders.json', 'users.yaml']);
      expect(result.endpoints.map((e) => `${e.source.file} ${e.def.path}`)).toEqual(['orders.json /orders', 'users.yaml /users']);
    } finally {
      cleanup();
    }
  });

  it('follows linked folders without looping on cycles or reading a folder twice', async () => {
    const { dir, cleanup } = tempFolder({ 'a/x.yaml': '- path: /x\n' });
    try {
      fs.symlinkSync('..', path.join(dir, 'a', 'up'));
      fs.symlinkSync('.', path.join(dir, 'a', 'self'));
      fs.symlinkSync('a', path.join(dir, 'b'));
      const result = await loadOk(dir);
      expect(result.files).toEqual(['a/x.yaml']);
    } finally {
      cleanup();
    }
  });

  it('refuses links that lead out of the config folder', async () => {
    const outside = tempFolder({ 'x.yaml': '- path: /outside\n', 'more/y.yaml': '- path: /more\n' });
    const { dir, cleanup } = tempFolder({ 'ok.yaml': '- path: /ok\n' });
    try {
      fs.symlinkSync(path.join(outside.dir, 'x.yaml'), path.join(dir, 'linked.yaml'));
      fs.symlinkSync(path.join(outside.dir, 'more'), path.join(dir, 'more'));
      const result = await loadConfig(dir);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.files).toEqual(['ok.yaml']);
      expect(result.issues.map((i) => `${i.code} ${i.file}:${i.line}:${i.col} ${i.message}`)).toEqual([
        `${ErrorCodes.CONFIG_FOLDER} linked.yaml:1:1 "linked.yaml" links outside the config folder; mockdock reads only files inside it`,
        `${ErrorCodes.CONFIG_FOLDER} more:1:1 "more" links outside the config folder; mockdock reads only files inside it`,
      ]);
    } finally {
      cleanup();
      outside.cleanup();
    }
  });

  it('accepts a config folder that is itself a link', async () => {
    const target = tempFolder({ 'a.yaml': '- path: /a\n' });
    const { dir, cleanup } = tempFolder();
    try {
      const link = path.join(dir, 'config');
      fs.symlinkSync(target.dir, link);
      const result = await loadOk(link);
      expect(result.files).toEqual(['a.yaml']);
    } finally {
      cleanup();
      target.cleanup();
    }
  });
});
