/** Start-up, batching, noise, errors and close() of the config watcher on a real folder. */
import * as fs from 'fs';
import * as path from 'path';
import { watchConfig } from '../../src/config/watch';
import { createConfigMap } from './configmap';
import { MODES, expectNothingElsePending, useScratch, write } from './harness';

describe.each(MODES)('watchConfig lifecycle with $name', ({ pollMs, withinMs }) => {
  const scratch = useScratch();

  it('does not report what is already there when it starts, links included', async () => {
    const root = scratch.tempDir();
    write(root, 'users.yaml', 'path: /users\n');
    write(root, 'shop/orders.yaml', 'path: /orders\n');
    fs.mkdirSync(path.join(root, 'k8s'));
    createConfigMap(path.join(root, 'k8s'), { 'items.yaml': 'path: /items\n' });
    const rec = await scratch.watch(root, { pollMs });
    await expectNothingElsePending(rec, root, withinMs);
    expect(rec.calls).toHaveLength(1);
  });

  it('reports a burst of 10 writes as exactly one change', async () => {
    const root = scratch.tempDir();
    const rec = await scratch.watch(root, { pollMs });
    const names = Array.from({ length: 10 }, (_, i) => `burst-${i}.yaml`);
    for (const name of names) write(root, name, 'path: /burst\n');
    expect(await rec.next(withinMs)).toEqual([...names].sort());
    await expectNothingElsePending(rec, root, withinMs);
    expect(rec.calls).toHaveLength(2);
  });

  it('ignores editor swap files, backups and version-control folders', async () => {
    const root = scratch.tempDir();
    write(root, '.git/HEAD', 'ref: refs/heads/main\n');
    const rec = await scratch.watch(root, { pollMs });
    write(root, '.users.yaml.swp', 'swap');
    write(root, 'users.yaml~', 'backup');
    write(root, '#users.yaml#', 'auto-save');
    write(root, '.git/index', 'index');
    write(root, '.git/refs/heads/main', 'abc123');
    await expectNothingElsePending(rec, root, withinMs);
    expect(rec.calls).toHaveLength(1);
  });

  it('reports nothing after close()', async () => {
    const root = scratch.tempDir();
    const closedRec = await scratch.watch(root, { pollMs, debounceMs: 60 });
    await closedRec.watcher.close();
    // A second watcher with a longer quiet period: by the time it reports, a live first one would have too.
    const probe = await scratch.watch(root, { pollMs, debounceMs: 300 });
    write(root, 'users.yaml', 'path: /users\n');
    expect(await probe.next(withinMs + 300)).toEqual(['users.yaml']);
    expect(closedRec.calls).toEqual([]);
  });

  it('releases every file watch it opened on close()', async () => {
    const root = scratch.tempDir();
    write(root, 'shop/orders.yaml', 'path: /orders\n');
    const before = await openFileWatches();
    const rec = await scratch.watch(root, { pollMs });
    expect(await openFileWatches()).toBeGreaterThan(before);
    await rec.watcher.close();
    expect(await openFileWatches()).toBe(before);
  });

  it('passes an error thrown by onChange to onError and keeps watching', async () => {
    const root = scratch.tempDir();
    const errors: Error[] = [];
    const seen: string[][] = [];
    let resolveSecond: (paths: string[]) => void = () => {};
    const second = new Promise<string[]>((resolve) => (resolveSecond = resolve));
    const watcher = await watchConfig(root, {
      pollMs,
      onChange: (paths) => {
        seen.push(paths);
        if (seen.length === 1) {
          write(root, 'b.yaml', 'path: /b\n');
          throw new Error('reload blew up');
        }
        resolveSecond(paths);
      },
      onError: (err) => errors.push(err),
    });
    try {
      write(root, 'a.yaml', 'path: /a\n');
      const timeout = new Promise<never>((_, reject) => {
        setTimeout(() => reject(new Error('no second change reported')), 2 * withinMs).unref();
      });
      expect(await Promise.race([second, timeout])).toEqual(['b.yaml']);
      expect(errors.map((e) => e.message)).toEqual(['reload blew up']);
    } finally {
      await watcher.close();
    }
  });
});

/** fs.watch handles (native events) and fs.watchFile pollers alive in this process. */
async function openFileWatches(): Promise<number> {
  // Node lets go of a closed handle on a later turn of the event loop.
  await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
  return process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap' || r === 'StatWatcher').length;
}

describe('watchConfig options', () => {
  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('rejects a poll interval of %p', async (pollMs) => {
    await expect(watchConfig('.', { pollMs, onChange: () => {} })).rejects.toThrow(RangeError);
  });

  it('rejects a negative debounce', async () => {
    await expect(watchConfig('.', { debounceMs: -1, onChange: () => {} })).rejects.toThrow(RangeError);
  });
});
