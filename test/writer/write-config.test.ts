/** The one writer: staged, validated by the loader `mockdock validate` uses, then renamed into place, or nothing at all. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeConfig } from '../../src/writer/write-config';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mockdock-write-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('writeConfig', () => {
  it('writes endpoint files and the body files they name, and leaves no staging folder behind', async () => {
    const result = await writeConfig(root, [
      { path: 'imported/api.yaml', content: '- path: /a\n  body_file: __files/imported/a.bin\n' },
      { path: '__files/imported/a.bin', content: Buffer.from([1, 2, 3]) },
    ]);
    expect(result).toEqual({ ok: true, written: ['__files/imported/a.bin', 'imported/api.yaml'] });
    expect([...readFileSync(path.join(root, '__files/imported/a.bin'))]).toEqual([1, 2, 3]);
    expect(readdirSync(root).sort()).toEqual(['__files', 'imported']);
  });

  it('writes nothing when the output would not validate, and reports the problem at file and line', async () => {
    const result = await writeConfig(root, [
      { path: 'ok.yaml', content: '- path: /fine\n' },
      { path: 'bad.yaml', content: '- path: /x\n  status: 99\n' },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ file: 'bad.yaml', line: 2 });
    expect(readdirSync(root)).toEqual([]);
  });

  it('accepts a file that names a body file written by an earlier run', async () => {
    mkdirSync(path.join(root, '__files/recorded'), { recursive: true });
    writeFileSync(path.join(root, '__files/recorded/old.txt'), 'old');
    const result = await writeConfig(root, [{ path: 'recorded/x.yaml', content: '- path: /old\n  body_file: __files/recorded/old.txt\n' }]);
    expect(result.ok).toBe(true);
    expect(existsSync(path.join(root, '__files/recorded/old.txt'))).toBe(true);
  });

  it('refuses to write outside the config root', async () => {
    await expect(writeConfig(root, [{ path: '../escape.yaml', content: '- path: /x\n' }])).rejects.toThrow(/not inside the config root/);
    expect(existsSync(path.join(root, '../escape.yaml'))).toBe(false);
  });
});
