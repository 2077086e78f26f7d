// WebSocket benchmarks against the built CLI on loopback: idle connections' memory, echo round trips, broadcast by push.
// Usage: npm run build && node test/bench/ws-bench.mjs [--idle 10000] [--echo-conns 100] [--echo-rounds 200] [--fanout 1000] [--baseline]
// --baseline runs the same phases against the ws library alone (baselines/raw-ws.mjs), on the same machine at the same time.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { freePort, httpRequest, rssMiB, waitFor200 } from './lib/processes.mjs';
import { numberFlag, repoRoot } from './lib/flags.mjs';

const root = repoRoot;
const arg = numberFlag;
const IDLE = arg('idle', 10_000);
const ECHO_CONNS = arg('echo-conns', 100);
const ECHO_ROUNDS = arg('echo-rounds', 200);
const FANOUT = arg('fanout', 1000);
const BROADCASTS = arg('broadcasts', 20);

const CONFIG = `
- { name: echo, path: /ws/echo, websocket: { on_message: [ { echo: true } ] } }
- { name: idle, path: /ws/idle, websocket: {} }
- { name: feed, path: /ws/feed, websocket: {} }
`;

/** CPU seconds (user + system) the server process has used so far, from /proc. */
function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function connect(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function openMany(url, n, batch = 250) {
  const out = [];
  for (let i = 0; i < n; i += batch) out.push(...(await Promise.all(Array.from({ length: Math.min(batch, n - i) }, () => connect(url)))));
  return out;
}

async function closeAll(sockets) {
  await Promise.all(sockets.map((ws) => new Promise((resolve) => {
    ws.once('close', resolve);
    ws.close();
  })));
}

async function measure(command, { listed = true } = {}) {
  const port = await freePort();
  const base = `127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...command, String(port)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const results = {};
  try {
    await waitFor200(`http://${base}/__health`, { child });
    results.rss_start_mib = rssMiB(child.pid);

    // 1. Idle connections: resident memory of the server while they are open.
    const idle = await openMany(`ws://${base}/ws/idle`, IDLE);
    await new Promise((r) => setTimeout(r, 1000));
    const count = listed ? JSON.parse((await httpRequest(`http://${base}/__ws`)).body).length : null;
    results.idle = { connections: idle.length, listed_by_server: count, rss_mib: rssMiB(child.pid) };
    await closeAll(idle);

    // 2. Echo round trips at ECHO_CONNS connections, all sending at once, ECHO_ROUNDS rounds.
    const echo = await openMany(`ws://${base}/ws/echo`, ECHO_CONNS);
    const times = [];
    const echoCpu = cpuSeconds(child.pid);
    for (let round = 0; round < ECHO_ROUNDS; round++) {
      await Promise.all(echo.map((ws, i) => new Promise((resolve) => {
        const started = performance.now();
        ws.once('message', () => {
          times.push(performance.now() - started);
          resolve();
        });
        ws.send(`round ${round} from ${i}`);
      })));
    }
    times.sort((a, b) => a - b);
    results.echo = { connections: ECHO_CONNS, messages: times.length, p50_ms: +percentile(times, 50).toFixed(3), p99_ms: +percentile(times, 99).toFixed(3), max_ms: +times[times.length - 1].toFixed(3), server_cpu_us_per_message: +(((cpuSeconds(child.pid) - echoCpu) / times.length) * 1e6).toFixed(1) };
    await closeAll(echo);

    // 3. Broadcast: POST /__ws/feed/send until the last of FANOUT connections has the message.
    const feed = await openMany(`ws://${base}/ws/feed`, FANOUT);
    const spans = [];
    const fanCpu = cpuSeconds(child.pid);
    for (let b = 0; b < BROADCASTS; b++) {
      const got = Promise.all(feed.map((ws) => new Promise((resolve) => ws.once('message', resolve))));
      const started = performance.now();
      const answer = await httpRequest(`http://${base}/__ws/feed/send`, { method: 'POST', body: JSON.stringify({ n: b }), headers: { 'content-type': 'application/json' } });
      if (JSON.parse(answer.body).sent !== FANOUT) throw new Error(`push reached ${answer.body}`);
      await got;
      spans.push(performance.now() - started);
    }
    spans.sort((a, b) => a - b);
    results.broadcast = { connections: FANOUT, broadcasts: BROADCASTS, p50_ms: +percentile(spans, 50).toFixed(2), max_ms: +spans[spans.length - 1].toFixed(2), server_cpu_ms_per_broadcast: +(((cpuSeconds(child.pid) - fanCpu) / BROADCASTS) * 1e3).toFixed(2) };
    await closeAll(feed);
  } finally {
    child.kill('SIGTERM');
  }
  return results;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-ws-bench-'));
  fs.writeFileSync(path.join(dir, 'ws.yaml'), CONFIG);
  let results;
  try {
    results = await measure([path.join(root, 'dist/cli.js'), 'serve', '--config', dir, '--host', '127.0.0.1', '--no-watch', '--log-level', 'warn', '--port']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (process.argv.includes('--baseline')) results.baseline_ws_library = await measure([path.join(root, 'test/bench/baselines/raw-ws.mjs')], { listed: false });
  results.load_average = os.loadavg().map((n) => +n.toFixed(1));
  results.cores = os.availableParallelism();
  console.log(JSON.stringify(results, null, 2));
  const verdict = [
    [`10k idle connections: ${results.idle.rss_mib} MiB RSS`, results.idle.rss_mib < 200],
    [`echo p99 at ${ECHO_CONNS} connections: ${results.echo.p99_ms} ms`, results.echo.p99_ms < 5],
    [`broadcast to ${FANOUT}: max ${results.broadcast.max_ms} ms`, results.broadcast.max_ms < 50],
  ];
  for (const [line, ok] of verdict) console.log(`${ok ? 'met    ' : 'NOT MET'} ${line}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
