// Proxy benchmark (npm run bench:proxy): what a proxied endpoint adds at p50 over calling the upstream directly
// at 50 connections, and mockdock's resident memory over 100,000 proxied answers of 100 KiB. Loopback only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, pinning, startProcess } from './lib/processes.mjs';
import { runAutocannon } from './lib/load.mjs';
import { pacedLoad } from './lib/paced.mjs';
import { builtCli } from './lib/flags.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const SECONDS = quick ? 3 : 10;
const ROUNDS = quick ? 1 : 3;
const MEMORY_REQUESTS = quick ? 20_000 : 100_000;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const cli = builtCli();

// The upstream: a plain Node server answering 1 KiB of JSON, or 100 KiB of bytes.
const UPSTREAM = `
const http = require('node:http');
const small = Buffer.from(JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => ({ id: i, name: 'item ' + i, price: i * 3 })) }));
const big = Buffer.alloc(100 * 1024, 97);
http.createServer((req, res) => {
  const body = req.url.endsWith('/big') ? big : small;
  res.writeHead(200, { 'content-type': req.url.endsWith('/big') ? 'application/octet-stream' : 'application/json', 'content-length': body.length });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1');`;

const pin = { active: false };
const upstreamPort = await freePort();
const mockPort = await freePort();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-proxy-bench-'));
fs.writeFileSync(path.join(dir, 'api.yaml'), `- path: /api/*\n  proxy: http://127.0.0.1:${upstreamPort}\n- path: /ready\n  response: ok\n`);

const upstream = await startProcess({ name: 'upstream', command: process.execPath, args: ['-e', UPSTREAM], env: { PORT: String(upstreamPort) }, port: upstreamPort, readyPath: '/small', pin });
const mock = await startProcess({
  name: 'mockdock',
  command: process.execPath,
  args: [cli, 'serve', '--config', dir, '--port', String(mockPort), '--host', '127.0.0.1', '--no-watch', '--log-level', 'warn'],
  port: mockPort,
  readyPath: '/ready',
  pin,
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  console.log(`proxy bench: ${os.cpus().length} cores (${pinning(true).reason}; not pinned: the upstream, mockdock and the load generator share them), ${SECONDS} s runs, 50 connections`);
  await runAutocannon({ base: upstream.base, path: '/small', connections: 50, seconds: 2 });
  await runAutocannon({ base: mock.base, path: '/api/small', connections: 50, seconds: 2 });
  const direct = [];
  const proxied = [];
  for (let i = 0; i < ROUNDS; i++) {
    direct.push(await runAutocannon({ base: upstream.base, path: '/small', connections: 50, seconds: SECONDS }));
    proxied.push(await runAutocannon({ base: mock.base, path: '/api/small', connections: 50, seconds: SECONDS }));
  }
  const row = (name, runs) => `${name.padEnd(22)} p50 ${median(runs.map((r) => r.p50)).toFixed(2)} ms  p99 ${median(runs.map((r) => r.p99)).toFixed(2)} ms  ${Math.round(median(runs.map((r) => r.rps)))} req/s  errors ${runs.reduce((a, r) => a + r.errors + (r.non2xx ?? 0), 0)}`;
  console.log(row('upstream directly', direct));
  console.log(row('through mockdock proxy', proxied));
  const added = median(proxied.map((r) => r.p50)) - median(direct.map((r) => r.p50));
  console.log(`added at p50, saturated (closed loop, every connection busy: queueing dominates): ${added.toFixed(2)} ms`);
  // Open loop at an even pace (lib/paced.mjs): what the hop adds, not the queue of a burst. autocannon's
  // --overallRate sends each connection's share of a second back to back, which measured the burst's queue.
  for (const RATE of [500, 2000]) {
    const fixedDirect = [];
    const fixedProxied = [];
    await pacedLoad({ url: `${mock.base}/api/small`, rate: RATE, seconds: 2 }); // warm-up at this pace
    for (let i = 0; i < ROUNDS; i++) {
      fixedDirect.push(await pacedLoad({ url: `${upstream.base}/small`, rate: RATE, seconds: SECONDS }));
      fixedProxied.push(await pacedLoad({ url: `${mock.base}/api/small`, rate: RATE, seconds: SECONDS }));
    }
    console.log(row(`direct, ${RATE} req/s paced`, fixedDirect));
    console.log(row(`proxied, ${RATE} req/s paced`, fixedProxied));
    const addedFixed = median(fixedProxied.map((r) => r.p50)) - median(fixedDirect.map((r) => r.p50));
    console.log(`added at p50 at ${RATE} req/s evenly over 50 connections: ${addedFixed.toFixed(2)} ms (target < 1 ms)`);
  }

  // Memory: 100,000 proxied answers of 100 KiB each, resident memory sampled as they go.
  const samples = [];
  let done = 0;
  let errors = 0;
  const every = MEMORY_REQUESTS / 10;
  const instance = autocannon({ url: `${mock.base}/api/big`, connections: 50, amount: MEMORY_REQUESTS, pipelining: 1, timeout: 10 });
  instance.on('response', (_c, status) => {
    done++;
    if (status !== 200) errors++;
    if (done % every === 0) samples.push({ requests: done, rssMiB: mock.rss() });
  });
  const result = await instance;
  console.log(`memory over ${MEMORY_REQUESTS} proxied 100 KiB answers (${Math.round(result.requests.average)} req/s, ${errors + result.errors} errors):`);
  console.log(samples.map((s) => `${s.requests}: ${s.rssMiB} MiB`).join('  '));
  const first = samples[0]?.rssMiB ?? 0;
  const last = samples[samples.length - 1]?.rssMiB ?? 0;
  const peak = Math.max(...samples.map((s) => s.rssMiB ?? 0));
  console.log(`resident memory: ${first} MiB after ${every} requests, ${last} MiB after ${MEMORY_REQUESTS}, peak ${peak} MiB`);
} finally {
  await mock.stop();
  await upstream.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
