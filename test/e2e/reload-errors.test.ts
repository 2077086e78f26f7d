/** Hot reload on a real mockdock process when the new config is broken: the last good one keeps serving, and the problem is reported. */
import fs from 'node:fs';
import path from 'node:path';
import { DEADLINE_MS, NATIVE_WITHIN_MS, answers, endpointYaml, inotifyInstances, linesMatching, reloadCounts, saveByRename, until, useScratch } from './reload-harness';

const scratch = useScratch();

describe('a broken config change', () => {
  it('keeps the last good config in force, logs file:line:col and counts the error, until the files are fixed', async () => {
    const dir = scratch.dir({ 'users.yaml': endpointYaml('/users', { v: 1 }) });
    const { proc, client } = await scratch.serve(dir);

    // A new file with a YAML syntax error: its own endpoint is not served, the rest is untouched.
    fs.writeFileSync(path.join(dir, 'orders.yaml'), '- path: /orders\n  response: { n: 1\n');
    await proc.waitForLine(/config reload failed, keeping the last good config: orders\.yaml:\d+:\d+ /, DEADLINE_MS);
    // Then a valid edit elsewhere: not applied on its own, as the new set as a whole is broken.
    saveByRename(path.join(dir, 'users.yaml'), endpointYaml('/users', { v: 2 }));
    await until('a second failed reload is counted', async () => (await reloadCounts(client)).error >= 2);
    expect((await reloadCounts(client)).success).toBe(0);
    expect(await client.show('/users')).toBe('200 {"v":1}');
    expect((await client.get('/orders')).status).toBe(404);

    // A schema error is logged where it is, too.
    fs.writeFileSync(path.join(dir, 'orders.yaml'), '- path: /orders\n  status: 99\n');
    await proc.waitForLine(/config reload failed, keeping the last good config: orders\.yaml:2:3 .*status/, DEADLINE_MS);
    const logged = JSON.parse(linesMatching(proc, /orders\.yaml:2:3/)[0]);
    expect(logged).toMatchObject({ level: 50, file: 'orders.yaml', line: 2, col: 3 });
    expect(await client.show('/users')).toBe('200 {"v":1}');
    expect(await client.show('/__health')).toBe('200 {"status":"ok","endpoints":1}');

    fs.writeFileSync(path.join(dir, 'orders.yaml'), endpointYaml('/orders', { n: 1 }));
    expect(await answers(client, '/orders', '200 {"n":1}')).toBeLessThan(NATIVE_WITHIN_MS);
    expect(await client.show('/users')).toBe('200 {"v":2}');
    expect((await reloadCounts(client)).success).toBe(1);
    expect(client.dropped).toBe(0);
  });

  it('makes POST /__reload answer 400 with file, line and col of every problem, then 200 once fixed', async () => {
    const dir = scratch.dir({ 'users.yaml': endpointYaml('/users', { v: 1 }) });
    const { proc, client } = await scratch.serve(dir, '--no-watch');
    // Nothing is watched, so every reload below is one asked for, and the counts are exact.
    const inotify = inotifyInstances(proc.child.pid!);
    if (inotify !== undefined) expect(inotify).toBe(0);

    fs.writeFileSync(path.join(dir, 'users.yaml'), endpointYaml('/users', { v: 2 }));
    fs.writeFileSync(path.join(dir, 'orders.yaml'), '- path: /orders\n  status: 99\n');
    fs.writeFileSync(path.join(dir, 'carts.json'), '[{"path": "/carts",\n "response": }]\n');
    const failed = await client.request('POST', '/__reload');
    expect(failed.status).toBe(400);
    const { errors } = JSON.parse(failed.text) as { errors: { file: string; line: number; col: number; message: string }[] };
    expect(errors.map((e) => e.file).sort()).toEqual(['carts.json', 'orders.yaml']);
    for (const e of errors) expect(e).toMatchObject({ line: expect.any(Number), col: expect.any(Number), message: expect.any(String) });
    expect(errors.find((e) => e.file === 'orders.yaml')).toMatchObject({ line: 2, col: 3, message: expect.stringContaining('status') });
    expect(errors.find((e) => e.file === 'carts.json')).toMatchObject({ line: 2 });
    expect(await client.show('/users')).toBe('200 {"v":1}');
    expect(await reloadCounts(client)).toEqual({ success: 0, error: 1 });
    expect(linesMatching(proc, /config reload failed, keeping the last good config: orders\.yaml:2:3 /)).toHaveLength(1);

    fs.writeFileSync(path.join(dir, 'orders.yaml'), endpointYaml('/orders', { n: 1 }));
    fs.unlinkSync(path.join(dir, 'carts.json'));
    const fixed = await client.request('POST', '/__reload');
    expect(fixed.status).toBe(200);
    expect(JSON.parse(fixed.text)).toMatchObject({ endpoints: 2, files: ['orders.yaml', 'users.yaml'] });
    expect(await client.show('/users')).toBe('200 {"v":2}');
    expect(await client.show('/orders')).toBe('200 {"n":1}');
    expect(await reloadCounts(client)).toEqual({ success: 1, error: 1 });
    expect(client.dropped).toBe(0);
  });
});
