/** Hot reload of a GraphQL schema file on a real mockdock process: a change to the .graphql file is served like a config change. */
import fs from 'node:fs';
import path from 'node:path';
import { NATIVE_WITHIN_MS, reloadCounts, saveByRename, until, useScratch } from './reload-harness';

const scratch = useScratch();
const CONFIG = '- path: /graphql\n  graphql:\n    schema_file: schema.graphql\n';
const ask = (field: string) => `/graphql?query=${encodeURIComponent(`{ ${field} }`)}`;

describe('hot reload of a GraphQL schema file', () => {
  it('serves a field added to the .graphql file within a second, and keeps the last good schema when the file breaks', async () => {
    const dir = scratch.dir({ 'graphql.yaml': CONFIG, 'schema.graphql': 'type Query { hello: String }\n' });
    const { client } = await scratch.serve(dir);
    expect((await client.get(ask('hello'))).status).toBe(200);
    expect((await client.get(ask('version'))).status).toBe(400);

    saveByRename(path.join(dir, 'schema.graphql'), 'type Query { hello: String version: Int }\n');
    const took = await until('the new field is served', async () => (await client.get(ask('version'))).status === 200);
    expect(took).toBeLessThan(NATIVE_WITHIN_MS);

    const before = await reloadCounts(client);
    fs.writeFileSync(path.join(dir, 'schema.graphql'), 'type Query {\n  hello: String\n  broken:\n}\n');
    await until('the broken schema is reported', async () => (await reloadCounts(client)).error > before.error);
    expect((await client.get(ask('version'))).status).toBe(200);
    const reload = await client.request('POST', '/__reload');
    expect(reload.status).toBe(400);
    expect(JSON.parse(reload.text).errors[0]).toMatchObject({ file: 'schema.graphql', line: 4 });
    expect(client.dropped).toBe(0);
  });
});
