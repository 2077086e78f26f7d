/** GraphQL endpoints on a real mockdock process: hot reload of the .graphql file, and a clean stop with subscriptions open. */
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
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

describe('stopping with subscriptions open', () => {
  it('closes graphql-ws sockets on SIGTERM and exits 0 at once', async () => {
    const dir = scratch.dir({
      'graphql.yaml': `${CONFIG}    subscriptions: [{ subscription: ticks, every_ms: 20 }]\n`,
      'schema.graphql': 'type Query { hello: String }\ntype Subscription { ticks: Int! }\n',
    });
    const { proc } = await scratch.serve(dir);
    const client = createClient({ url: `${proc.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const ended = new Promise<string>((resolve) => {
      client.subscribe({ query: 'subscription { ticks }' }, { next: () => undefined, error: () => resolve('error'), complete: () => resolve('complete') });
    });
    await new Promise<void>((resolve) => client.on('message', (m) => m.type === 'next' && resolve()));
    const started = performance.now();
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toEqual({ code: 0, signal: null });
    // without closing them the server would wait on these sockets forever (its shutdown timeout does not reach them)
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await ended).toBeDefined();
    await client.dispose();
  });
});
