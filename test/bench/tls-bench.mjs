// Static answers over plain HTTP, HTTPS/1.1 and HTTP/2 (TLS, ALPN h2) from the built CLI, in one run; plus plain HTTP with
// --cors and an Origin header on every request (the CORS headers added to each answer).
// Usage: npm run build && node test/bench/tls-bench.mjs [--seconds 5] [--rounds 3] [--connections 50] [--streams 10] [--no-pin]
// HTTP/1.1 load is autocannon (one request at a time per connection); HTTP/2 load is a loop of Node's http2 client:
// `connections` sessions with `streams` requests in flight on each. Rounds alternate the variants; medians are reported.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http2 from 'node:http2';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, pinning, pinSelf } from './lib/processes.mjs';
import { builtCli, numberFlag } from './lib/flags.mjs';

const SECONDS = numberFlag('seconds', 5);
const ROUNDS = numberFlag('rounds', 3);
const CONNECTIONS = numberFlag('connections', 50);
const STREAMS = numberFlag('streams', 10);
const pin = pinning(!process.argv.includes('--no-pin'));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-tls-bench-'));
fs.writeFileSync(path.join(dir, 'static.yaml'), '- path: /api/static\n  response: { id: 1, name: static, tags: [a, b, c] }\n');
const tlsOut = path.join(dir, 'tls');

async function startCli(extra) {
  const port = await freePort();
  const args = [builtCli(), 'serve', '--config', dir, '--port', String(port), '--host', '127.0.0.1', '--no-watch', '--log-level', 'warn', '--log-limit', '1000', ...extra];
  const cmd = pin.active ? 'taskset' : process.execPath;
  const child = spawn(cmd, pin.active ? ['-c', String(pin.serverCpu), process.execPath, ...args] : args, { stdio: ['ignore', 'ignore', 'inherit'] });
  // ready when the port takes a TLS or TCP connection and answers
  const base = `${extra.includes('--tls') ? 'https' : 'http'}://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`${base}/__health`);
      if (res.ok) break;
    } catch {
      if (base.startsWith('https') && fs.existsSync(path.join(tlsOut, 'cert.pem'))) {
        // fetch cannot trust a self-signed certificate: use http2 to probe
        const ok = await probeH2(base).catch(() => false);
        if (ok) break;
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, base, stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }) };
}

function probeH2(base) {
  return new Promise((resolve, reject) => {
    const s = http2.connect(base, { ca: fs.readFileSync(path.join(tlsOut, 'cert.pem')), servername: 'localhost' });
    s.on('error', reject);
    const r = s.request({ ':path': '/__health' });
    r.on('response', (h) => { s.close(); resolve(h[':status'] === 200); });
    r.on('error', reject);
    r.end();
  });
}

function h1(url, headers = {}) {
  return new Promise((resolve, reject) => {
    autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS, pipelining: 1, tlsOptions: { ca: url.startsWith('https') ? fs.readFileSync(path.join(tlsOut, 'cert.pem')) : undefined } }, (err, result) => {
      if (err) reject(err);
      else resolve({ rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx });
    });
  });
}

/** HTTP/2: CONNECTIONS sessions, STREAMS requests in flight on each, for SECONDS. */
async function h2(base) {
  const ca = fs.readFileSync(path.join(tlsOut, 'cert.pem'));
  const deadline = performance.now() + SECONDS * 1000;
  let done = 0;
  let errors = 0;
  const latencies = [];
  const sessions = await Promise.all(Array.from({ length: CONNECTIONS }, () => new Promise((resolve, reject) => {
    const s = http2.connect(base, { ca, servername: 'localhost' });
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  })));
  const one = (s) => new Promise((resolve) => {
    const t = performance.now();
    const r = s.request({ ':path': '/api/static' });
    r.on('response', (h) => { if (h[':status'] !== 200) errors++; });
    r.resume();
    r.on('end', () => { latencies.push(performance.now() - t); done++; resolve(); });
    r.on('error', () => { errors++; resolve(); });
    r.end();
  });
  const worker = async (s) => { while (performance.now() < deadline) await one(s); };
  await Promise.all(sessions.flatMap((s) => Array.from({ length: STREAMS }, () => worker(s))));
  for (const s of sessions) s.close();
  latencies.sort((a, b) => a - b);
  return { rps: done / SECONDS, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0, errors };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

pinSelf(pin);
console.log(`tls-bench: ${SECONDS}s per variant, ${ROUNDS} rounds, ${CONNECTIONS} connections (HTTP/2: ${STREAMS} streams each); ${pin.reason}`);
const plain = await startCli([]);
const cors = await startCli(['--cors']);
const tls = await startCli(['--tls', 'self-signed', '--tls-out', tlsOut]);
const results = { 'HTTP/1.1 plain': [], 'HTTP/1.1 plain --cors': [], 'HTTPS/1.1': [], 'HTTP/2 (TLS)': [] };
try {
  for (let round = 1; round <= ROUNDS; round++) {
    results['HTTP/1.1 plain'].push(await h1(`${plain.base}/api/static`));
    results['HTTP/1.1 plain --cors'].push(await h1(`${cors.base}/api/static`, { origin: 'http://app.test' }));
    results['HTTPS/1.1'].push(await h1(`${tls.base}/api/static`));
    results['HTTP/2 (TLS)'].push(await h2(tls.base.replace('127.0.0.1', 'localhost')));
    console.log(`round ${round}: ${Object.entries(results).map(([k, v]) => `${k} ${Math.round(v.at(-1).rps)} req/s`).join(', ')}`);
  }
} finally {
  await Promise.all([plain.stop(), cors.stop(), tls.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
}
const base = median(results['HTTP/1.1 plain'].map((r) => r.rps));
console.log('\nvariant                 median req/s   vs plain   median p99 ms   errors');
for (const [name, runs] of Object.entries(results)) {
  const rps = median(runs.map((r) => r.rps));
  console.log(`${name.padEnd(24)}${String(Math.round(rps)).padStart(12)}${`${Math.round((rps / base) * 100)}%`.padStart(11)}${median(runs.map((r) => r.p99)).toFixed(1).padStart(16)}${String(runs.reduce((n, r) => n + r.errors, 0)).padStart(9)}`);
}
