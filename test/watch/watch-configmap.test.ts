/** A Kubernetes ConfigMap update (a swap of the `..data` link) is one reported change. */
import * as path from 'path';
import { createConfigMap, updateConfigMap } from './configmap';
import { MODES, expectNothingElsePending, useScratch } from './harness';

describe.each(MODES)('watchConfig on a ConfigMap volume with $name', ({ pollMs, withinMs }) => {
  const scratch = useScratch();

  it('reports an update, as one change, through the swapped ..data link and the key links', async () => {
    const root = scratch.tempDir();
    createConfigMap(root, { 'users.yaml': 'path: /users\n' });
    const rec = await scratch.watch(root, { pollMs });
    updateConfigMap(root, { 'users.yaml': 'path: /people\n' });
    const paths = await rec.next(withinMs);
    expect(paths).toEqual(expect.arrayContaining(['..data', 'users.yaml']));
    await expectNothingElsePending(rec, root, withinMs);
  });

  it('keeps reporting update after update', async () => {
    const root = scratch.tempDir();
    createConfigMap(root, { 'users.yaml': 'path: /users\n' });
    const rec = await scratch.watch(root, { pollMs });
    for (const text of ['path: /a\n', 'path: /b\n', 'path: /c\n']) {
      updateConfigMap(root, { 'users.yaml': text });
      expect(await rec.next(withinMs)).toEqual(expect.arrayContaining(['..data', 'users.yaml']));
    }
  });

  it('reports a key added to and a key removed from the ConfigMap', async () => {
    const root = scratch.tempDir();
    createConfigMap(root, { 'users.yaml': 'path: /users\n' });
    const rec = await scratch.watch(root, { pollMs });
    updateConfigMap(root, { 'orders.yaml': 'path: /orders\n' });
    expect(await rec.next(withinMs)).toEqual(expect.arrayContaining(['orders.yaml', 'users.yaml']));
  });

  it('reports an update when the root is one key link of the ConfigMap (--config pointing at a file)', async () => {
    const folder = scratch.tempDir();
    createConfigMap(folder, { 'users.yaml': 'path: /users\n' });
    const rec = await scratch.watch(path.join(folder, 'users.yaml'), { pollMs });
    updateConfigMap(folder, { 'users.yaml': 'path: /people\n' });
    expect(await rec.next(withinMs)).toEqual(['users.yaml']);
    updateConfigMap(folder, { 'users.yaml': 'path: /folk\n' });
    expect(await rec.next(withinMs)).toEqual(['users.yaml']);
  });
});
