/** Files that are not config (a log written into the folder, a README) do not trigger reloads. */
import fs from 'node:fs';
import path from 'node:path';
import { DEADLINE_MS, endpointYaml, reloadCounts, saveByRename, useScratch } from './reload-harness';

const scratch = useScratch();

describe('changes that are not config', () => {
  it('are seen but ignored, so sequences and rate limits keep their state', async () => {
    const dir = scratch.dir({ 'users.yaml': endpointYaml('/users', { v: 1 }) });
    const { proc, client } = await scratch.serve(dir, '--log-level', 'debug');

    fs.writeFileSync(path.join(dir, 'server.log'), 'a log line\n');
    fs.writeFileSync(path.join(dir, 'README.md'), '# notes\n');
    await proc.waitForLine(/config change ignored/, DEADLINE_MS);
    expect(await reloadCounts(client)).toEqual({ success: 0, error: 0 });

    saveByRename(path.join(dir, 'users.yaml'), endpointYaml('/users', { v: 2 }));
    await proc.waitForLine(/config reloaded: 1 endpoints/, DEADLINE_MS);
    expect(await client.show('/users')).toBe('200 {"v":2}');
    expect(await reloadCounts(client)).toEqual({ success: 1, error: 0 });
  });
});
