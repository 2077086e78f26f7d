/** The root itself: a folder that does not exist yet or is replaced, and a single config file. */
import * as fs from 'fs';
import * as path from 'path';
import { MODES, expectNothingElsePending, useScratch, write } from './harness';

describe.each(MODES)('watchConfig root handling with $name', ({ pollMs, withinMs }) => {
  const scratch = useScratch();

  it('starts on a root that does not exist yet, and reports it once it appears', async () => {
    const root = path.join(scratch.tempDir(), 'config');
    const rec = await scratch.watch(root, { pollMs });
    write(root, 'users.yaml', 'path: /users\n');
    expect(await rec.next(withinMs)).toContain('.');
    await expectNothingElsePending(rec, root, withinMs);
    fs.writeFileSync(path.join(root, 'users.yaml'), 'path: /people\n');
    expect(await rec.next(withinMs)).toEqual(['users.yaml']);
  });

  it('reports the root folder deleted, then made again, and watches the new one', async () => {
    const root = path.join(scratch.tempDir(), 'config');
    write(root, 'users.yaml', 'path: /users\n');
    const rec = await scratch.watch(root, { pollMs });
    fs.rmSync(root, { recursive: true });
    expect(await rec.next(withinMs)).toContain('.');
    write(root, 'orders.yaml', 'path: /orders\n');
    expect(await rec.next(withinMs)).toContain('.');
    fs.writeFileSync(path.join(root, 'orders.yaml'), 'path: /orders/all\n');
    expect(await rec.next(withinMs)).toEqual(['orders.yaml']);
  });

  it('reports a single-file root edited in place, by its file name', async () => {
    const file = path.join(scratch.tempDir(), 'mocks.yaml');
    write(path.dirname(file), 'mocks.yaml', 'path: /users\n');
    const rec = await scratch.watch(file, { pollMs });
    fs.writeFileSync(file, 'path: /people\n');
    expect(await rec.next(withinMs)).toEqual(['mocks.yaml']);
  });

  it('reports a single-file root saved atomically, again and again', async () => {
    const dir = scratch.tempDir();
    const file = path.join(dir, 'mocks.yaml');
    write(dir, 'mocks.yaml', 'path: /users\n');
    const rec = await scratch.watch(file, { pollMs });
    for (const text of ['path: /a\n', 'path: /b\n', 'path: /c\n']) {
      fs.writeFileSync(`${file}.tmp`, text);
      fs.renameSync(`${file}.tmp`, file);
      expect(await rec.next(withinMs)).toEqual(['mocks.yaml']);
    }
  });

  it('reports a single-file root that appears after start-up, and edits to it', async () => {
    const dir = scratch.tempDir();
    const file = path.join(dir, 'mocks.yaml');
    const rec = await scratch.watch(file, { pollMs });
    write(dir, 'mocks.yaml', 'path: /users\n');
    expect(await rec.next(withinMs)).toEqual(['mocks.yaml']);
    fs.writeFileSync(file, 'path: /people\n');
    expect(await rec.next(withinMs)).toEqual(['mocks.yaml']);
  });
});
