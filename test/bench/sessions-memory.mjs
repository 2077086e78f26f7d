// Session memory check: resident memory of the built server before and after 1,000 test sessions each touch
// 10 stateful endpoints (sequences, every-N, rate limits, scenarios, CRUD collections written to).
// Run after `npm run build`:  node test/bench/sessions-memory.mjs [--sessions N] [--no-pin]
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, pinning, pinSelf, startProcess } from './lib/processes.mjs';
import { builtCli } from './lib/flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (msg) => process.stderr.write(`sessions: ${msg}\n`);

const seed = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, name: `item ${i + 1}`, tags: ['a', 'b'] }));
const ENDPOINTS = [
  { path: '/s/seq-1', sequence: [{ status: 200 }, { status: 503 }] },
  { path: '/s/seq-2', sequence: [{ response: 'a' }, { response: 'b' }, { response: 'c' }], sequence_mode: 'stick' },
  { path: '/s/seq-3', sequence: [{ status: 200 }, { status: 202 }] },
  { path: '/s/every', every: 3, failure: { status: 500 } },
  { path: '/s/rate-1', rate_limit: { limit: 100, window_s: 60 } },
  { path: '/s/rate-2', rate_limit: { limit: 100, window_s: 60, key: 'header:x-client' } },
  { path: '/s/flow-1', scenario: 'flow-1', set_state: 'done' },
  { path: '/s/flow-2', scenario: 'flow-2', set_state: 'done' },
  { path: '/s/crud-1', crud: { seed } },
  { path: '/s/crud-2', crud: { seed } },
];

function parse(argv) {
  const o = { sessions: 1000, pin: true, concurrency: 20 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sessions') o.sessions = Number(argv[++i]);
    else if (argv[i] === '--no-pin') o.pin = false;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return o;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
function send(base, method, p, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${p}`, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Every endpoint once for one session; each CRUD collection gets a new item, so the session holds its own copy. */
async function touch(base, session) {
  const headers = session === null ? {} : { 'x-mockdock-session': session, 'x-client': session ?? 'none' };
  for (const ep of ENDPOINTS) {
    const status = ep.crud ? await send(base, 'POST', ep.path, headers, JSON.stringify({ name: 'new' })) : await send(base, 'GET', ep.path, headers);
    if (status >= 500 && !ep.every && !ep.sequence) throw new Error(`${ep.path}: status ${status}`);
  }
}

async function main() {
  const o = parse(process.argv.slice(2));
  const cli = builtCli();
  const pin = pinning(o.pin);
  pinSelf(pin);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-sessions-'));
  fs.writeFileSync(path.join(tmp, 'state.json'), JSON.stringify(ENDPOINTS.map((e) => ({ response: { ok: true }, ...e, ...(e.crud ? { response: undefined } : {}) }))));
  const port = await freePort();
  const args = [cli, 'serve', '--config', tmp, '--port', String(port), '--host', '127.0.0.1', '--no-watch', '--log-level', 'warn', '--seed', '1'];
  const server = await startProcess({ name: 'mockdock', command: process.execPath, args, cwd: root, port, readyPath: '/__health', pin });
  try {
    // Warm up in the default session until the request log's ring buffer is full, so it does not count.
    for (let i = 0; i < 150; i++) await touch(server.base, null);
    await new Promise((r) => setTimeout(r, 1000));
    const before = server.rss();
    log(`${pin.reason}; RSS before ${before} MiB; ${o.sessions} sessions × ${ENDPOINTS.length} endpoints`);
    const t0 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: o.concurrency }, async () => {
      while (next < o.sessions) await touch(server.base, `session-${next++}`);
    }));
    const seconds = (performance.now() - t0) / 1000;
    const after = server.rss();
    await new Promise((r) => setTimeout(r, 3000));
    const settled = server.rss();
    const collections = await new Promise((resolve) => http.get(`${server.base}/__collections?session=session-0`, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve(text));
    }));
    const result = { sessions: o.sessions, endpoints: ENDPOINTS.length, requests: o.sessions * ENDPOINTS.length, seconds: Math.round(seconds * 10) / 10, rss_before_mib: before, rss_after_mib: after, rss_settled_mib: settled, extra_mib: Math.round((settled - before) * 10) / 10, session_0_collections: JSON.parse(collections) };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    agent.destroy();
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
