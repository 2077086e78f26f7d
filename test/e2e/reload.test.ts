/** Hot reload on a real mockdock process with native file events: each way a config file changes, and what is then served. */
import fs from 'node:fs';
import path from 'node:path';
import { DEADLINE_MS, NATIVE_WITHIN_MS, answers, endpointYaml, gone, linesMatching, reloadCounts, saveByRename, until, useScratch } from './reload-harness';

const scratch = useScratch();

describe('hot reload with native file events', () => {
  it("applies an editor's save by temp file and rename within a second, on the same keep-alive connection", async () => {
    const dir = scratch.dir({ 'users.yaml': endpointYaml('/users', { v: 1 }) });
    const { proc, client } = await scratch.serve(dir);
    expect(await client.show('/users')).toBe('200 {"v":1}');

    saveByRename(path.join(dir, 'users.yaml'), endpointYaml('/users', { v: 2 }));
    expect(await answers(client, '/users', '200 {"v":2}')).toBeLessThan(NATIVE_WITHIN_MS);
    // The first rename replaced the file that was there at start-up; the next save must be seen all the same.
    saveByRename(path.join(dir, 'users.yaml'), endpointYaml('/users', { v: 3 }));
    expect(await answers(client, '/users', '200 {"v":3}')).toBeLessThan(NATIVE_WITHIN_MS);

    expect(linesMatching(proc, /"msg":"config reloaded: 1 endpoints"/).length).toBeGreaterThanOrEqual(2);
    expect({ connections: client.sockets.size, dropped: client.dropped }).toEqual({ connections: 1, dropped: 0 });
  });

  it('applies an edit written in place within a second', async () => {
    const dir = scratch.dir({ 'users.yaml': endpointYaml('/users', { v: 1 }) });
    const { client } = await scratch.serve(dir);
    expect(await client.show('/users')).toBe('200 {"v":1}');

    fs.writeFileSync(path.join(dir, 'users.yaml'), endpointYaml('/users', { v: 2 }));
    expect(await answers(client, '/users', '200 {"v":2}')).toBeLessThan(NATIVE_WITHIN_MS);
    expect(client.dropped).toBe(0);
  });

  it('serves a new file within a second, also in folders made after start-up', async () => {
    const dir = scratch.dir({ 'users.yaml': endpointYaml('/users', { v: 1 }) });
    const { client } = await scratch.serve(dir);
    expect((await client.get('/orders')).status).toBe(404);

    fs.writeFileSync(path.join(dir, 'orders.yaml'), endpointYaml('/orders', { orders: [] }));
    expect(await answers(client, '/orders', '200 {"orders":[]}')).toBeLessThan(NATIVE_WITHIN_MS);

    fs.mkdirSync(path.join(dir, 'shop', 'carts'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'shop', 'carts', 'carts.yml'), endpointYaml('/carts', { carts: 0 }));
    expect(await answers(client, '/carts', '200 {"carts":0}')).toBeLessThan(NATIVE_WITHIN_MS);
    expect(await client.show('/__health')).toBe('200 {"status":"ok","endpoints":3}');
    expect(client.dropped).toBe(0);
  });

  it("stops serving a deleted file's endpoints within a second and keeps the rest", async () => {
    const dir = scratch.dir({
      'users.yaml': endpointYaml('/users', { v: 1 }),
      'orders.json': JSON.stringify([{ path: '/orders', response: { n: 1 } }]),
    });
    const { client } = await scratch.serve(dir);
    expect(await client.show('/orders')).toBe('200 {"n":1}');

    fs.unlinkSync(path.join(dir, 'orders.json'));
    expect(await gone(client, '/orders')).toBeLessThan(NATIVE_WITHIN_MS);
    expect(await client.show('/users')).toBe('200 {"v":1}');
    expect(await client.show('/__health')).toBe('200 {"status":"ok","endpoints":1}');
    expect(client.dropped).toBe(0);
  });

  it('follows a renamed file: a new config name keeps its endpoints, a name that is not config drops them', async () => {
    const dir = scratch.dir({ 'users.yaml': endpointYaml('/users', { v: 1 }) });
    const { client } = await scratch.serve(dir);
    const sources = async () => {
      const listed = JSON.parse((await client.get('/__endpoints')).text) as { file: string }[];
      return listed.map((e) => e.file).join();
    };
    expect(await sources()).toBe('users.yaml');

    fs.renameSync(path.join(dir, 'users.yaml'), path.join(dir, 'people.yml'));
    expect(await until('the endpoint comes from people.yml', async () => (await sources()) === 'people.yml')).toBeLessThan(NATIVE_WITHIN_MS);
    expect(await client.show('/users')).toBe('200 {"v":1}');

    fs.renameSync(path.join(dir, 'people.yml'), path.join(dir, 'people.yml.off'));
    expect(await gone(client, '/users')).toBeLessThan(NATIVE_WITHIN_MS);
    expect(await client.show('/__health')).toBe('200 {"status":"ok","endpoints":0}');

    fs.renameSync(path.join(dir, 'people.yml.off'), path.join(dir, 'people.yml'));
    expect(await answers(client, '/users', '200 {"v":1}')).toBeLessThan(NATIVE_WITHIN_MS);
    expect(client.dropped).toBe(0);
  });

  it('applies an edit of a body file under __files within a second', async () => {
    const dir = scratch.dir({ 'report.yaml': '- path: /report\n  body_file: __files/report.json\n', '__files/report.json': '{"v":1}' });
    const { client } = await scratch.serve(dir);
    expect(await client.show('/report')).toBe('200 {"v":1}');

    saveByRename(path.join(dir, '__files', 'report.json'), '{"v":2}');
    expect(await answers(client, '/report', '200 {"v":2}')).toBeLessThan(NATIVE_WITHIN_MS);
    expect(client.dropped).toBe(0);
  });

  it('keeps serving while the config folder is deleted, and serves its replacement within a second', async () => {
    const parent = scratch.dir({ 'config/users.yaml': endpointYaml('/users', { v: 1 }) });
    const dir = path.join(parent, 'config');
    const { proc, client } = await scratch.serve(dir);

    fs.rmSync(dir, { recursive: true });
    await proc.waitForLine(/config reload failed, keeping the last good config: .*does not exist/, DEADLINE_MS);
    expect(await client.show('/users')).toBe('200 {"v":1}');

    // A deploy that builds the new folder aside and moves it into place.
    fs.mkdirSync(path.join(parent, 'next'));
    fs.writeFileSync(path.join(parent, 'next', 'users.yaml'), endpointYaml('/users', { v: 2 }));
    fs.renameSync(path.join(parent, 'next'), dir);
    expect(await answers(client, '/users', '200 {"v":2}')).toBeLessThan(NATIVE_WITHIN_MS);
    expect(client.dropped).toBe(0);
  });

  it('follows a single file given as --config through rename-saves and in-place edits', async () => {
    const dir = scratch.dir({ 'mocks.yaml': endpointYaml('/users', { v: 1 }), 'other.yaml': endpointYaml('/other', {}) });
    const file = path.join(dir, 'mocks.yaml');
    const { client } = await scratch.serve(file);
    expect(await client.show('/__health')).toBe('200 {"status":"ok","endpoints":1}');

    saveByRename(file, endpointYaml('/users', { v: 2 }));
    expect(await answers(client, '/users', '200 {"v":2}')).toBeLessThan(NATIVE_WITHIN_MS);
    fs.writeFileSync(file, endpointYaml('/users', { v: 3 }));
    expect(await answers(client, '/users', '200 {"v":3}')).toBeLessThan(NATIVE_WITHIN_MS);
    // Only that file is config: its neighbours are not read.
    expect((await client.get('/other')).status).toBe(404);
    expect(client.dropped).toBe(0);
  });

  it('reloads during a stream of writes that never pauses, and applies the last write within a second of it', async () => {
    const dir = scratch.dir({ 'users.yaml': endpointYaml('/users', { v: 0 }) });
    const { client } = await scratch.serve(dir);
    const file = path.join(dir, 'users.yaml');

    // A tool rewriting a file every 25 ms for 1.2 s: never a quiet period long enough to close a burst.
    let writes = 0;
    const started = performance.now();
    while (performance.now() - started < 1200) {
      writes += 1;
      saveByRename(file, endpointYaml('/users', { v: writes }));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const reloadsDuringStream = (await reloadCounts(client)).success;
    expect(await answers(client, '/users', `200 {"v":${writes}}`)).toBeLessThan(NATIVE_WITHIN_MS);
    expect(reloadsDuringStream).toBeGreaterThanOrEqual(1);
    expect(reloadsDuringStream).toBeLessThan(writes / 3);
  });

  it('reloads a burst of changes once, with every path of the burst in that one reload', async () => {
    const dir = scratch.dir({ 'users.yaml': endpointYaml('/users', { v: 1 }), 'old.yaml': endpointYaml('/old', {}) });
    const { proc, client } = await scratch.serve(dir, '--log-level', 'debug');

    // One burst: a rename-save, an in-place edit, five new files and a deletion.
    saveByRename(path.join(dir, 'users.yaml'), endpointYaml('/users', { v: 2 }));
    fs.writeFileSync(path.join(dir, 'users.yaml'), endpointYaml('/users', { v: 3 }));
    for (let i = 1; i <= 5; i += 1) fs.writeFileSync(path.join(dir, `new-${i}.yaml`), endpointYaml(`/new/${i}`, { i }));
    fs.unlinkSync(path.join(dir, 'old.yaml'));
    await answers(client, '/new/5', '200 {"i":5}');
    // A later change on its own: had the burst been split, its rest would show up before or with it.
    fs.writeFileSync(path.join(dir, 'marker.yaml'), endpointYaml('/marker', {}));
    await answers(client, '/marker', '200 {}');

    const seen = linesMatching(proc, /"msg":"config change seen"/).map((line) => JSON.parse(line).paths as string[]);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toEqual(expect.arrayContaining(['users.yaml', 'old.yaml', 'new-1.yaml', 'new-5.yaml']));
    expect(seen[1]).toEqual(['marker.yaml']);
    expect(linesMatching(proc, /"msg":"config reloaded: /).map((line) => JSON.parse(line).endpoints)).toEqual([6, 7]);
    expect(await reloadCounts(client)).toEqual({ success: 2, error: 0 });
    expect(await client.show('/users')).toBe('200 {"v":3}');
    expect((await client.get('/old')).status).toBe(404);
  });
});
