/** Every way a config or body file changes is reported, with native events and with polling. */
import * as fs from 'fs';
import * as path from 'path';
import { MODES, expectNothingElsePending, useScratch, write } from './harness';

describe.each(MODES)('watchConfig with $name', ({ pollMs, withinMs }) => {
  const scratch = useScratch();

  async function watchFolder() {
    const root = scratch.tempDir();
    write(root, 'users.yaml', 'path: /users\n');
    write(root, '__files/users.json', '[]');
    const rec = await scratch.watch(root, { pollMs });
    return { root, rec };
  }

  it('reports a file edited in place', async () => {
    const { root, rec } = await watchFolder();
    fs.writeFileSync(path.join(root, 'users.yaml'), 'path: /people\n');
    expect(await rec.next(withinMs)).toEqual(['users.yaml']);
  });

  it('reports an atomic save through a temp file renamed over the original, again and again', async () => {
    const { root, rec } = await watchFolder();
    for (const text of ['path: /a\n', 'path: /b\n', 'path: /c\n']) {
      fs.writeFileSync(path.join(root, 'users.yaml.tmp'), text);
      fs.renameSync(path.join(root, 'users.yaml.tmp'), path.join(root, 'users.yaml'));
      expect(await rec.next(withinMs)).toContain('users.yaml');
    }
  });

  it('reports an atomic save through a hidden swap file, and not the swap file itself', async () => {
    const { root, rec } = await watchFolder();
    for (const text of ['path: /a\n', 'path: /b\n']) {
      fs.writeFileSync(path.join(root, '.users.yaml.swp'), text);
      fs.renameSync(path.join(root, '.users.yaml.swp'), path.join(root, 'users.yaml'));
      expect(await rec.next(withinMs)).toEqual(['users.yaml']);
    }
  });

  it('reports a new file', async () => {
    const { root, rec } = await watchFolder();
    write(root, 'orders.yaml', 'path: /orders\n');
    expect(await rec.next(withinMs)).toEqual(['orders.yaml']);
  });

  it('reports a deleted file', async () => {
    const { root, rec } = await watchFolder();
    fs.unlinkSync(path.join(root, 'users.yaml'));
    expect(await rec.next(withinMs)).toEqual(['users.yaml']);
  });

  it('reports both names of a renamed file', async () => {
    const { root, rec } = await watchFolder();
    fs.renameSync(path.join(root, 'users.yaml'), path.join(root, 'people.yaml'));
    expect(await rec.next(withinMs)).toEqual(['people.yaml', 'users.yaml']);
  });

  it('reports a file in a new sub-folder, and later edits to it', async () => {
    const { root, rec } = await watchFolder();
    write(root, 'shop/orders/list.yaml', 'path: /orders\n');
    expect(await rec.next(withinMs)).toContain('shop/orders/list.yaml');
    await expectNothingElsePending(rec, root, withinMs);
    fs.writeFileSync(path.join(root, 'shop/orders/list.yaml'), 'path: /orders/all\n');
    expect(await rec.next(withinMs)).toEqual(['shop/orders/list.yaml']);
  });

  it('reports a body file under __files changing', async () => {
    const { root, rec } = await watchFolder();
    fs.writeFileSync(path.join(root, '__files/users.json'), '[{"id":1}]');
    expect(await rec.next(withinMs)).toEqual(['__files/users.json']);
  });

  it('reports a whole deleted sub-folder', async () => {
    const { root, rec } = await watchFolder();
    fs.rmSync(path.join(root, '__files'), { recursive: true });
    expect(await rec.next(withinMs)).toEqual(expect.arrayContaining(['__files', '__files/users.json']));
  });
});
