/**
 * Three mockdock processes behind a real nginx share one real Redis (`--store`): counts are exact in total,
 * a sequence is walked once, a reset on one replica is seen by all, /__logs holds every replica's requests,
 * and a Redis that dies and comes back gives 503s for stateful endpoints only, then recovery.
 * Needs Debian's redis-server and nginx (.ci/run installs them); run with `npm run test:slow`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { serveOnLoopback, type CliProcess } from '../e2e/cli-process';
import { freePort, redisUp, startRedis, until } from '../helpers/redis-process';

jest.setTimeout(120_000);

const healthOf = async (url: string) => (await (await fetch(`${url}/__health`)).json()) as { store?: string };

const have = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const tools = have('redis-server') && (have('nginx') || fs.existsSync('/usr/sbin/nginx'));
const describeWithTools = tools ? describe : describe.skip;
if (!tools && process.env.CI) throw new Error('replicas test: redis-server and nginx are needed in CI (.ci/run installs them)');
if (!tools) process.stderr.write('replicas test: redis-server or nginx is not installed (apt-get install redis-server nginx-light); skipping\n');

describeWithTools('three replicas behind nginx sharing Redis', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-replicas-'));
  let redisPort = 0;
  let redis: ChildProcess;
  let nginx: ChildProcess;
  let lb = '';
  const replicas: Array<CliProcess & { url: string }> = [];

  beforeAll(async () => {
    const config = path.join(tmp, 'config');
    fs.mkdirSync(config);
    fs.writeFileSync(
      path.join(config, 'api.yaml'),
      `- path: /limited
  rate_limit: { limit: 50, window_s: 600 }
  response: { ok: true }
- path: /steps
  sequence: [{ status: 201 }, { status: 202 }, { status: 203 }, { status: 204 }, { status: 205 }]
  sequence_mode: stick
- path: /static
  response: { fine: true }
`,
    );
    redisPort = await freePort();
    redis = startRedis(redisPort);
    await until('redis', () => redisUp(redisPort));
    for (let i = 0; i < 3; i++) {
      replicas.push(await serveOnLoopback(['--config', config, '--no-watch', '--seed', '1', '--store', `redis://127.0.0.1:${redisPort}`]));
    }
    for (const r of replicas) await until('store up', async () => ((await healthOf(r.url)).store === 'up' ? true : undefined));
    const lbPort = await freePort();
    const upstreams = replicas.map((r) => `    server ${new URL(r.url).host};`).join('\n');
    const conf = path.join(tmp, 'nginx.conf');
    fs.writeFileSync(
      conf,
      `worker_processes 1;
daemon off;
pid ${tmp}/nginx.pid;
error_log ${tmp}/nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${tmp}/body; proxy_temp_path ${tmp}/proxy; fastcgi_temp_path ${tmp}/fcgi; uwsgi_temp_path ${tmp}/uwsgi; scgi_temp_path ${tmp}/scgi;
  upstream mock {
${upstreams}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${lbPort};
    location / { proxy_pass http://mock; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
`,
    );
    nginx = spawn(fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx', ['-c', conf, '-p', tmp], { stdio: 'ignore' });
    lb = `http://127.0.0.1:${lbPort}`;
    await until('nginx', async () => ((await fetch(`${lb}/static`)).status === 200 ? true : undefined));
  });

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await Promise.all(replicas.map((r) => r.stop()));
    redis?.kill('SIGKILL');
  });

  it('allows exactly `limit` requests in total under concurrent load spread over the replicas', async () => {
    const result = await autocannon({ url: `${lb}/limited`, connections: 20, amount: 400, timeout: 10 });
    expect(result['2xx']).toBe(50);
    expect(result.non2xx).toBe(350);
  });

  it('walks a sequence once across replicas, and a reset on one replica starts it over for all', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${lb}/steps`)).status);
    expect(statuses).toEqual([201, 202, 203, 204, 205, 205]);
    expect((await fetch(`${replicas[1].url}/__reset`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${replicas[0].url}/steps`)).status).toBe(201);
    expect((await fetch(`${replicas[2].url}/steps`)).status).toBe(202);
    expect((await fetch(`${lb}/limited`)).status).toBe(200);
  });

  it('shows the requests of every replica in /__logs, whichever replica is asked', async () => {
    await fetch(`${replicas[0].url}/__logs`, { method: 'DELETE' });
    for (const r of replicas) await fetch(`${r.url}/static?from=${encodeURIComponent(r.url)}`);
    const logs = await until('logs of three replicas', async () => {
      const entries = (await (await fetch(`${replicas[2].url}/__logs?path=/static`)).json()) as Array<{ query: { from: string } }>;
      return entries.length === 3 ? entries : undefined;
    });
    expect(new Set(logs.map((e) => e.query.from))).toEqual(new Set(replicas.map((r) => r.url)));
  });

  it('shares runtime endpoints: added on one replica, every replica answers them; removed on another, none does', async () => {
    const added = await fetch(`${replicas[0].url}/__endpoints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'shared-rt', path: '/shared-rt', response: 'everywhere' }) });
    expect(added.status).toBe(201);
    for (const r of replicas) {
      await until('runtime endpoint on every replica', async () => ((await fetch(`${r.url}/shared-rt`)).status === 200 ? true : undefined));
    }
    const listed = (await (await fetch(`${replicas[2].url}/__endpoints`)).json()) as Array<{ name: string; source: string }>;
    expect(listed.find((e) => e.name === 'shared-rt')?.source).toBe('runtime');
    expect((await fetch(`${replicas[2].url}/__endpoints/shared-rt`, { method: 'DELETE' })).status).toBe(204);
    for (const r of replicas) {
      await until('runtime endpoint gone from every replica', async () => ((await fetch(`${r.url}/shared-rt`)).status === 404 ? true : undefined));
    }
  });

  it('verifies on one replica a request another replica answered', async () => {
    await fetch(`${replicas[1].url}/static`, { headers: { 'x-probe': 'across-replicas' } });
    const res = await until('the shared log to hold the request', async () => {
      const r = await fetch(`${replicas[0].url}/__verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: '/static', headers: { 'x-probe': 'across-replicas' }, count: 1 }) });
      return r.status === 200 ? r : undefined;
    });
    expect(await res.json()).toEqual({ count: 1 });
  });

  it('answers 503 for stateful endpoints while Redis is down, keeps serving the rest, and recovers when it is back', async () => {
    redis.kill('SIGKILL');
    await until('store down', async () => ((await healthOf(replicas[0].url)).store === 'down' ? true : undefined));
    const limited = await fetch(`${replicas[0].url}/limited`);
    expect(limited.status).toBe(503);
    expect(await limited.json()).toEqual({ error: 'state store unavailable' });
    expect((await fetch(`${replicas[0].url}/static`)).status).toBe(200);
    const health = await fetch(`${replicas[0].url}/__health`);
    expect(health.status).toBe(200);

    redis = startRedis(redisPort);
    await until('redis back', () => redisUp(redisPort));
    for (const r of replicas) await until('store up again', async () => ((await healthOf(r.url)).store === 'up' ? true : undefined), 20_000);
    expect((await fetch(`${lb}/limited`)).status).toBe(200);
    expect((await fetch(`${lb}/steps`)).status).toBe(201);
  });
});
