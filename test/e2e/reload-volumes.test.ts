/** Hot reload on a real mockdock process for volumes: a Kubernetes ConfigMap's link swap, and --poll where no file events arrive. */
import fs from 'node:fs';
import path from 'node:path';
import {
  NATIVE_WITHIN_MS,
  POLL_MS,
  POLL_WITHIN_MS,
  answers,
  endpointYaml,
  gone,
  inotifyInstances,
  linesMatching,
  saveByRename,
  useScratch,
  writeConfigMap,
} from './reload-harness';

const scratch = useScratch();

describe('hot reload of a Kubernetes ConfigMap volume (keys are links through a swapped ..data link)', () => {
  it('applies each update within a second in one reload: changed, added and removed keys', async () => {
    const dir = scratch.dir();
    writeConfigMap(dir, { 'users.yaml': endpointYaml('/users', { v: 1 }) });
    const { proc, client } = await scratch.serve(dir);
    expect(await client.show('/users')).toBe('200 {"v":1}');

    let since = performance.now();
    writeConfigMap(dir, { 'users.yaml': endpointYaml('/users', { v: 2 }), 'orders.yaml': endpointYaml('/orders', { n: 1 }) });
    expect(await answers(client, '/users', '200 {"v":2}', since)).toBeLessThan(NATIVE_WITHIN_MS);
    expect(await client.show('/orders')).toBe('200 {"n":1}');

    since = performance.now();
    writeConfigMap(dir, { 'users.yaml': endpointYaml('/users', { v: 3 }) });
    expect(await answers(client, '/users', '200 {"v":3}', since)).toBeLessThan(NATIVE_WITHIN_MS);
    expect((await client.get('/orders')).status).toBe(404);

    // `..data` is hidden, so each endpoint is read once, through its top-level link.
    expect(await client.show('/__health')).toBe('200 {"status":"ok","endpoints":1}');
    expect(linesMatching(proc, /"msg":"config reloaded: /).map((line) => JSON.parse(line).endpoints)).toEqual([2, 1]);
    expect(linesMatching(proc, /"level":(40|50)/)).toEqual([]);
    expect(client.dropped).toBe(0);
  });

  it('follows a single ConfigMap key given as --config through updates', async () => {
    const dir = scratch.dir();
    writeConfigMap(dir, { 'users.yaml': endpointYaml('/users', { v: 1 }), 'orders.yaml': endpointYaml('/orders', {}) });
    const { client } = await scratch.serve(path.join(dir, 'users.yaml'));
    expect(await client.show('/__health')).toBe('200 {"status":"ok","endpoints":1}');

    for (const v of [2, 3]) {
      const since = performance.now();
      writeConfigMap(dir, { 'users.yaml': endpointYaml('/users', { v }), 'orders.yaml': endpointYaml('/orders', {}) });
      expect(await answers(client, '/users', `200 {"v":${v}}`, since)).toBeLessThan(NATIVE_WITHIN_MS);
    }
    expect(client.dropped).toBe(0);
  });
});

describe('hot reload with --poll, where no file events arrive', () => {
  it('sees a rename-save, a new file and a deletion within the poll interval plus a second, with no file watch open', async () => {
    const dir = scratch.dir({ 'users.yaml': endpointYaml('/users', { v: 1 }) });
    const { proc, client } = await scratch.serve(dir, '--poll', String(POLL_MS));
    expect(JSON.parse(proc.stdout().split('\n')[0]).watch).toBe(`poll ${POLL_MS}ms`);
    // With no inotify instance the process cannot receive a file event: polling alone must do it.
    const inotify = inotifyInstances(proc.child.pid!);
    if (inotify !== undefined) expect(inotify).toBe(0);

    saveByRename(path.join(dir, 'users.yaml'), endpointYaml('/users', { v: 2 }));
    expect(await answers(client, '/users', '200 {"v":2}')).toBeLessThan(POLL_WITHIN_MS);

    fs.writeFileSync(path.join(dir, 'orders.yaml'), endpointYaml('/orders', { n: 1 }));
    expect(await answers(client, '/orders', '200 {"n":1}')).toBeLessThan(POLL_WITHIN_MS);

    fs.unlinkSync(path.join(dir, 'users.yaml'));
    expect(await gone(client, '/users')).toBeLessThan(POLL_WITHIN_MS);
    expect(await client.show('/__health')).toBe('200 {"status":"ok","endpoints":1}');
    expect(client.dropped).toBe(0);
  });

  it('sees a ConfigMap update within the poll interval plus a second', async () => {
    const dir = scratch.dir();
    writeConfigMap(dir, { 'users.yaml': endpointYaml('/users', { v: 1 }) });
    const { proc, client } = await scratch.serve(dir, '--poll', String(POLL_MS));
    const inotify = inotifyInstances(proc.child.pid!);
    if (inotify !== undefined) expect(inotify).toBe(0);

    const since = performance.now();
    writeConfigMap(dir, { 'users.yaml': endpointYaml('/users', { v: 2 }) });
    expect(await answers(client, '/users', '200 {"v":2}', since)).toBeLessThan(POLL_WITHIN_MS);
    expect(client.dropped).toBe(0);
  });

  it('holds an inotify watch without --poll, so the check above can tell the two apart', async () => {
    const dir = scratch.dir({ 'users.yaml': endpointYaml('/users', { v: 1 }) });
    const { proc } = await scratch.serve(dir);
    const inotify = inotifyInstances(proc.child.pid!);
    if (inotify !== undefined) expect(inotify).toBeGreaterThan(0);
  });
});
