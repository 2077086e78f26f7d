import * as fs from 'node:fs';
import * as path from 'node:path';
import { ErrorCodes } from '../../src/errors/codes';
import { loadConfig } from '../../src/config/load-config';
import { fixture, loadIssues, loadOk, tempFolder } from './fixtures';

describe('body files', () => {
  it('reads body_file relative to the config root, including one set in defaults', async () => {
    const { endpoints } = await loadOk(fixture('body-files'));
    const byName = new Map(endpoints.map((e) => [e.def.name, e]));
    expect(byName.get('from-defaults')?.bodyFile).toEqual({ path: '__files/user.json', content: Buffer.from('{ "id": "{{params.id}}" }\n') });
    expect(byName.get('own-file')?.bodyFile).toEqual({ path: '__files/nested/hello.txt', content: Buffer.from('hello\n') });
    expect(byName.get('own-response')?.bodyFile).toBeUndefined();
    expect(byName.get('own-response')?.def.body_file).toBeUndefined();
  });

  it('rejects paths that leave the folder, absolute paths, missing files and folders, each at its key', async () => {
    expect(await loadIssues(fixture('body-file-escape'))).toEqual([
      'escape.invalid.yaml:2:3 body_file "../outside.json" points outside the config folder',
      'escape.invalid.yaml:4:3 body_file "/etc/hostname" must be relative to the config folder, not absolute',
      'escape.invalid.yaml:6:3 body_file "__files/missing.json" does not exist in the config folder',
      'escape.invalid.yaml:8:3 body_file "__files" is not a file',
      'escape.invalid.yaml:10:3 body_file "__files/../../outside.json" points outside the config folder',
    ]);
    const result = await loadConfig(fixture('body-file-escape'));
    expect(!result.ok && result.issues.every((i) => i.code === ErrorCodes.CONFIG_BODY_FILE)).toBe(true);
  });

  it('rejects a body file that is a link to a file outside the config folder', async () => {
    const outside = tempFolder({ 'secret.txt': 'top secret' });
    const { dir, cleanup } = tempFolder({ 'api.yaml': '- path: /leak\n  body_file: __files/leak.txt\n', '__files': null });
    try {
      fs.symlinkSync(path.join(outside.dir, 'secret.txt'), path.join(dir, '__files', 'leak.txt'));
      expect(await loadIssues(dir)).toEqual(['api.yaml:2:3 body_file "__files/leak.txt" is a link to a file outside the config folder']);
    } finally {
      cleanup();
      outside.cleanup();
    }
  });

  it('follows a link that stays inside the config folder', async () => {
    const { dir, cleanup } = tempFolder({ 'api.yaml': '- path: /ok\n  body_file: __files/current.json\n', '__files/v2.json': '{"v":2}' });
    try {
      fs.symlinkSync('v2.json', path.join(dir, '__files', 'current.json'));
      const [endpoint] = (await loadOk(dir)).endpoints;
      expect(endpoint.bodyFile?.content.toString()).toBe('{"v":2}');
    } finally {
      cleanup();
    }
  });

  it('reports a bad body_file set in defaults once, where the defaults say it', async () => {
    const yaml = 'defaults:\n  body_file: __files/gone.json\nendpoints:\n  - path: /a\n  - path: /b\n';
    const { dir, cleanup } = tempFolder({ 'api.yaml': yaml });
    try {
      expect(await loadIssues(dir)).toEqual(['api.yaml:2:3 body_file "__files/gone.json" does not exist in the config folder']);
    } finally {
      cleanup();
    }
  });

  it('resolves body files next to a single config file given as the root', async () => {
    const { endpoints } = await loadOk(path.join(fixture('body-files'), 'api.yaml'));
    expect(endpoints[0].bodyFile?.path).toBe('__files/user.json');
  });
});
