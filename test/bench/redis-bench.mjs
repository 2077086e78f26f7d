// `npm run bench:redis`: the built server with the in-memory store against `--store redis://…` (a real
// redis-server on loopback), static and rate-limited endpoints in interleaved rounds (medians); then the static
// endpoint through nginx with 1 and with 3 replicas. Targets: static ≥ 90 %, rate-limited ≥ 40 % of in-memory.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAutocannon } from './lib/load.mjs';
import { coreSampler, freePort, httpRequest, pinning, pinSelf, startProcess, stopChild, waitFor200 } from './lib/processes.mjs';
import { median } from './lib/stats.mjs';
import { STATIC_OBJECT } from './lib/workload.mjs';
import { builtCli, numberFlag, repoRoot } from './lib/flags.mjs';

const root = repoRoot;
const arg = numberFlag;
const seconds = arg('duration', 5);
const runs = arg('runs', 3);
const connections = arg('connections', 50);
const log = (msg) => process.stderr.write(`bench:redis: ${msg}\n`);
const nginxBin = fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';

function writeConfig(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const body = JSON.stringify(STATIC_OBJECT);
  // A limit no run reaches: every request takes the store's atomic window count, none is refused.
  fs.writeFileSync(
    path.join(dir, 'endpoints.yaml'),
    `- { path: /api/static, response: ${body} }\n- { path: /api/limited, rate_limit: { limit: 1000000000, window_s: 3600 }, response: ${body} }\n`,
  );
}

async function startRedis(tmp, pin) {
  const port = await freePort();
  const argv = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmp];
  const child = spawn(pin.active ? 'taskset' : 'redis-server', pin.active ? ['-c', String(pin.clientCpu), 'redis-server', ...argv] : argv, {
    stdio: 'ignore',
    detached: true,
  });
  const end = Date.now() + 10_000;
  for (;;) {
    const r = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
    if (r.stdout?.trim() === 'PONG') return { port, child };
    if (Date.now() > end) throw new Error('redis-server did not start');
    await new Promise((res) => setTimeout(res, 50));
  }
}

async function startMock(name, config, pin, extra = []) {
  const port = await freePort();
  return startProcess({
    name,
    command: process.execPath,
    args: [path.join(root, 'dist', 'cli.js'), 'serve', '--config', config, '--port', String(port), '--host', '127.0.0.1', '--no-watch', '--log-level', 'warn', ...extra],
    cwd: root,
    env: {},
    port,
    readyPath: '/__health',
    pin,
  });
}

async function startNginx(tmp, name, upstreamPorts, pin) {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream mock {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://mock; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
`,
  );
  const argv = pin.active ? ['-c', String(pin.clientCpu), nginxBin, '-c', conf, '-p', dir] : ['-c', conf, '-p', dir];
  const child = spawn(pin.active ? 'taskset' : nginxBin, argv, { stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${port}`;
  await waitFor200(`${base}/api/static`, { timeoutMs: 10_000, child });
  return { base, child };
}

async function main() {
  builtCli();
  if (spawnSync('redis-server', ['--version']).error || spawnSync(nginxBin, ['-v']).error) {
    throw new Error('bench:redis needs redis-server and nginx (apt-get install redis-server nginx-light)');
  }
  const pin = pinning(!process.argv.includes('--no-pin'));
  pinSelf(pin);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-bench-redis-'));
  const config = path.join(tmp, 'config');
  writeConfig(config);
  const redis = await startRedis(tmp, pin);
  const store = `redis://127.0.0.1:${redis.port}`;
  const started = [];
  try {
    const memory = await startMock('in-memory', config, pin);
    started.push(memory);
    const shared = await startMock('redis', config, pin, ['--store', store]);
    started.push(shared);
    // the same store without the shared request log: what static answers cost when nothing is logged to Redis
    const unlogged = await startMock('redis-no-log', config, pin, ['--store', store, '--log-limit', '0']);
    started.push(unlogged);
    for (const s of [shared, unlogged]) {
      const health = JSON.parse((await httpRequest(`${s.base}/__health`)).body);
      if (health.store !== 'up') throw new Error(`the redis-backed server reports store ${health.store}`);
    }
    log(`${pin.reason}; redis-server on the load generator's core; ${connections} connections; ${runs} rounds × ${seconds} s`);
    const cases = [
      ['static', memory, '/api/static'],
      ['static', shared, '/api/static'],
      ['static', unlogged, '/api/static'],
      ['limited', memory, '/api/limited'],
      ['limited', shared, '/api/limited'],
    ];
    for (const [, server, p] of cases) await runAutocannon({ base: server.base, path: p, connections, seconds: 1 }); // warm-up
    const figures = new Map(cases.map(([c, s]) => [`${c}/${s.name}`, []]));
    // server CPU per answer as well as req/s: redis-server shares the load generator's core, so req/s alone
    // also counts what Redis takes from the load generator
    const measure = async (server, p) => {
      const sample = coreSampler(pin, server.pid);
      const run = await runAutocannon({ base: server.base, path: p, connections, seconds });
      const core = sample();
      return { ...run, cpuUs: core && run.total > 0 ? (core.server_cpu_s * 1e6) / run.total : null };
    };
    for (let i = 0; i < runs; i++) {
      for (const [c, server, p] of cases) figures.get(`${c}/${server.name}`).push(await measure(server, p));
    }
    await Promise.all(started.map((s) => s.stop()));
    started.length = 0;

    // Static through nginx: 1 replica, then 3, all on the server core (this machine has 2 cores).
    const replicas = [];
    for (let i = 0; i < 3; i++) replicas.push(await startMock(`replica-${i + 1}`, config, pin, ['--store', store]));
    started.push(...replicas);
    const one = await startNginx(tmp, 'lb-1', [new URL(replicas[0].base).port], pin);
    const three = await startNginx(tmp, 'lb-3', replicas.map((r) => new URL(r.base).port), pin);
    const lb = { one: [], three: [] };
    try {
      await runAutocannon({ base: one.base, path: '/api/static', connections, seconds: 1 });
      await runAutocannon({ base: three.base, path: '/api/static', connections, seconds: 1 });
      for (let i = 0; i < runs; i++) {
        lb.one.push(await runAutocannon({ base: one.base, path: '/api/static', connections, seconds }));
        lb.three.push(await runAutocannon({ base: three.base, path: '/api/static', connections, seconds }));
      }
    } finally {
      await stopChild(one.child);
      await stopChild(three.child);
    }

    const rps = (key) => median(figures.get(key).map((f) => f.rps));
    const cpu = (key) => {
      const us = figures.get(key).map((f) => f.cpuUs).filter((x) => x !== null);
      return us.length ? `${Math.round(median(us))} µs` : '–';
    };
    const p99 = (list) => median(list.map((f) => f.p99));
    const bad = [...figures.values(), lb.one, lb.three].flat().reduce((n, f) => n + f.non2xx + f.errors, 0);
    const staticRatio = rps('static/redis') / rps('static/in-memory');
    const limitedRatio = rps('limited/redis') / rps('limited/in-memory');
    console.log('| measurement | in-memory req/s | --store redis req/s | redis / in-memory | server CPU per answer, in-memory / redis |');
    console.log('|---|---|---|---|---|');
    console.log(`| static endpoint | ${Math.round(rps('static/in-memory'))} | ${Math.round(rps('static/redis'))} | ${Math.round(staticRatio * 100)} % (target ≥ 90 %) | ${cpu('static/in-memory')} / ${cpu('static/redis')} |`);
    const unloggedRatio = rps('static/redis-no-log') / rps('static/in-memory');
    console.log(`| static endpoint, --log-limit 0 (no shared request log) | ${Math.round(rps('static/in-memory'))} | ${Math.round(rps('static/redis-no-log'))} | ${Math.round(unloggedRatio * 100)} % | ${cpu('static/in-memory')} / ${cpu('static/redis-no-log')} |`);
    console.log(`| rate-limited endpoint | ${Math.round(rps('limited/in-memory'))} | ${Math.round(rps('limited/redis'))} | ${Math.round(limitedRatio * 100)} % (target ≥ 40 %) | ${cpu('limited/in-memory')} / ${cpu('limited/redis')} |`);
    console.log('');
    console.log('| static endpoint through nginx, --store redis | median req/s | p99 ms |');
    console.log('|---|---|---|');
    console.log(`| 1 replica | ${Math.round(median(lb.one.map((f) => f.rps)))} | ${p99(lb.one)} |`);
    console.log(`| 3 replicas | ${Math.round(median(lb.three.map((f) => f.rps)))} | ${p99(lb.three)} |`);
    console.log(
      pin.active
        ? `\nReplicas share core ${pin.serverCpu}; nginx, redis-server and the load generator share core ${pin.clientCpu}: on 2 cores three replicas cannot add throughput, only show that spreading costs little.`
        : '\nNot pinned: every process shares every core.',
    );
    if (bad > 0) {
      const where = [...figures.entries(), ['lb/1', lb.one], ['lb/3', lb.three]].map(([k, list]) => `${k}: ${list.reduce((n, f) => n + f.non2xx + f.errors, 0)}`);
      console.log(`\n${bad} answers were not 2xx or failed (${where.join(', ')}): the figures above are not clean`);
    }
    if (staticRatio < 0.9 || limitedRatio < 0.4 || bad > 0) process.exitCode = 1;
  } finally {
    await Promise.all(started.map((s) => s.stop()));
    await stopChild(redis.child);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
