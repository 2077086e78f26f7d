// One load run against a URL: autocannon in this process, or wrk when asked and installed; req/s and latency.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

/** Latency histogram with 10 µs buckets up to 2 s (autocannon's own keeps whole milliseconds only). */
class Histogram {
  constructor() {
    this.buckets = new Uint32Array(200_000);
    this.count = 0;
    this.max = 0;
  }
  record(ms) {
    const i = Math.min(this.buckets.length - 1, Math.floor(ms * 100));
    this.buckets[i]++;
    this.count++;
    if (ms > this.max) this.max = ms;
  }
  percentile(p) {
    const want = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i];
      if (seen >= want && seen > 0) return (i + 1) / 100; // upper edge of the bucket
    }
    return this.max;
  }
}

export function wrkAvailable() {
  return spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;
}

function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * Runs autocannon for `seconds` with `connections` (one request in flight per connection).
 * `paths` (optional) is a list to pick from at random per request. Returns null figures on failure.
 */
export async function runAutocannon({ base, method = 'GET', path: urlPath, paths, body, headers, connections, seconds }) {
  const hist = new Histogram();
  const opts = {
    url: base + (urlPath ?? paths[0]),
    connections,
    duration: seconds,
    pipelining: 1,
    method,
    headers,
    body,
    timeout: 10,
  };
  if (paths) {
    opts.requests = [{ setupRequest: (req) => ({ ...req, path: paths[Math.floor(Math.random() * paths.length)] }) }];
  }
  const cpuBefore = cpuSeconds();
  const wallBefore = performance.now();
  const instance = autocannon(opts);
  instance.on('response', (_client, _status, _bytes, ms) => hist.record(ms));
  const result = await instance;
  const wall = (performance.now() - wallBefore) / 1000;
  return {
    rps: result.requests.total / result.duration,
    p50: hist.percentile(50),
    p99: hist.percentile(99),
    max: hist.max,
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    clientCpu: (cpuSeconds() - cpuBefore) / wall,
  };
}

function parseWrkTime(text) {
  const m = /([\d.]+)(us|ms|s)\b/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 's' ? n * 1000 : n;
}

/** The same run with wrk (one thread, pinned like autocannon), parsed from its --latency report. */
export async function runWrk({ base, method = 'GET', path: urlPath, paths, body, headers = {}, connections, seconds, pin }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-wrk-'));
  const script = path.join(dir, 'req.lua');
  const lines = [`wrk.method = ${JSON.stringify(method)}`];
  for (const [k, v] of Object.entries(headers)) lines.push(`wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`);
  if (body !== undefined) lines.push(`wrk.body = ${JSON.stringify(body)}`);
  if (paths) {
    lines.push(`local paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}`);
    lines.push('request = function() return wrk.format(nil, paths[math.random(#paths)]) end');
  }
  fs.writeFileSync(script, lines.join('\n'));
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, base + (urlPath ?? paths[0])];
  const [bin, argv] = pin?.active ? ['taskset', ['-c', String(pin.clientCpu), 'wrk', ...args]] : ['wrk', args];
  const out = await new Promise((resolve, reject) => {
    const child = spawn(bin, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (c) => (text += c));
    child.on('error', reject);
    child.on('exit', () => resolve(text));
  });
  fs.rmSync(dir, { recursive: true, force: true });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps,
    p50: parseWrkTime(/\s50%\s+(\S+)/.exec(out)?.[1] ?? ''),
    p99: parseWrkTime(/\s99%\s+(\S+)/.exec(out)?.[1] ?? ''),
    max: parseWrkTime(/Latency\s+\S+\s+\S+\s+(\S+)/.exec(out)?.[1] ?? ''),
    total,
    errors: sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0),
    clientCpu: null,
  };
}

export function runLoad(loadgen, spec) {
  return loadgen === 'wrk' ? runWrk(spec) : runAutocannon(spec);
}
