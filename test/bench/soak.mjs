// Soak check: 1,000,000 POSTs with 10 KiB JSON bodies (answered with 10 KiB) against the built server,
// sampling resident memory as it goes, to show memory levels off. Run after `npm run build`:
//   node test/bench/soak.mjs [--requests N] [--body-kib K] [--connections C] [--log-limit N] [--out NAME.json] [--no-pin]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort, httpRequest, pinning, pinSelf, startProcess } from './lib/processes.mjs';
import { jsonBodyOfSize } from './lib/workload.mjs';
import { builtCli } from './lib/flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (msg) => process.stderr.write(`soak: ${msg}\n`);

function parse(argv) {
  const o = { requests: 1_000_000, bodyKib: 10, connections: 50, pin: true, logLimit: 1000, out: 'soak.json' };
  for (let i = 0; i < argv.length; i++) {
    const next = () => Number(argv[++i]);
    if (argv[i] === '--requests') o.requests = next();
    else if (argv[i] === '--body-kib') o.bodyKib = next();
    else if (argv[i] === '--connections') o.connections = next();
    else if (argv[i] === '--log-limit') o.logLimit = next();
    else if (argv[i] === '--out') o.out = argv[++i];
    else if (argv[i] === '--no-pin') o.pin = false;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return o;
}

async function main() {
  const o = parse(process.argv.slice(2));
  const cli = builtCli();
  const pin = pinning(o.pin);
  pinSelf(pin);
  const body = jsonBodyOfSize(o.bodyKib * 1024);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-soak-'));
  const answer = JSON.parse(jsonBodyOfSize(o.bodyKib * 1024));
  fs.writeFileSync(path.join(tmp, 'soak.json'), JSON.stringify([{ name: 'soak', path: '/api/soak', method: 'POST', status: 201, response: answer }]));
  const port = await freePort();
  const args = [cli, 'serve', '--config', tmp, '--port', String(port), '--host', '127.0.0.1', '--no-watch', '--log-level', 'warn', '--seed', '1', '--log-limit', String(o.logLimit)];
  const server = await startProcess({ name: 'mockdock', command: process.execPath, args, cwd: root, port, readyPath: '/__health', pin });
  log(`${pin.reason}; ${o.requests.toLocaleString('en-US')} POSTs of ${body.length} bytes, ${o.connections} connections`);

  try {
    await new Promise((r) => setTimeout(r, 1000));
    const before = server.rss();
    const samples = [{ t_s: 0, requests: 0, rss_mib: before }];
    let done = 0;
    let failed = 0;
    const t0 = performance.now();
    const timer = setInterval(() => {
      samples.push({ t_s: Math.round((performance.now() - t0) / 100) / 10, requests: done, rss_mib: server.rss() });
      const last = samples[samples.length - 1];
      log(`${String(last.t_s).padStart(6)} s  ${last.requests.toLocaleString('en-US').padStart(10)} requests  RSS ${last.rss_mib} MiB`);
    }, 5000);
    const instance = autocannon({
      url: `${server.base}/api/soak`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections: o.connections,
      amount: o.requests,
      timeout: 30,
    });
    instance.on('response', (_c, status) => {
      done++;
      if (status !== 201) failed++;
    });
    const result = await instance;
    clearInterval(timer);
    const seconds = (performance.now() - t0) / 1000;
    const afterLoad = server.rss();
    await new Promise((r) => setTimeout(r, 3000));
    const after = server.rss();
    samples.push({ t_s: Math.round(seconds * 10) / 10, requests: done, rss_mib: afterLoad });

    const logs = await httpRequest(`${server.base}/__logs?limit=100000`);
    let kept = null;
    try {
      const parsed = JSON.parse(logs.body);
      kept = (Array.isArray(parsed) ? parsed : parsed.entries ?? []).length;
    } catch {
      // reported as null
    }
    const metrics = (await httpRequest(`${server.base}/metrics`)).body;
    const gauge = (name) => {
      const m = new RegExp(`^${name} ([\\d.e+]+)$`, 'm').exec(metrics);
      return m ? Math.round((Number(m[1]) / 2 ** 20) * 10) / 10 : null;
    };
    // Levelling off: the growth over the second half of the run, against the first half.
    const at = (share) => samples.reduce((best, s) => (Math.abs(s.requests - share * done) < Math.abs(best.requests - share * done) ? s : best)).rss_mib;
    // Per quarter of the requests: a bounded server shows the same band in each, not a rising one.
    const quarters = [0, 1, 2, 3].map((q) => {
      const rss = samples.filter((x) => x.requests > 0 && Math.min(3, Math.floor((x.requests / done) * 4)) === q).map((x) => x.rss_mib);
      return { quarter: q + 1, min_mib: rss.length ? Math.min(...rss) : null, max_mib: rss.length ? Math.max(...rss) : null, samples: rss.length };
    });
    const out = {
      date: new Date().toISOString(),
      requests: done,
      failed: failed + result.errors + result.timeouts,
      body_bytes: body.length,
      connections: o.connections,
      seconds: Math.round(seconds),
      rps: Math.round(done / seconds),
      rss_before_mib: before,
      rss_at_25pct_mib: at(0.25),
      rss_at_50pct_mib: at(0.5),
      rss_at_75pct_mib: at(0.75),
      rss_after_mib: afterLoad,
      rss_after_idle_3s_mib: after,
      rss_peak_mib: Math.max(...samples.map((s) => s.rss_mib)),
      growth_first_half_mib: Math.round((at(0.5) - before) * 10) / 10,
      growth_second_half_mib: Math.round((afterLoad - at(0.5)) * 10) / 10,
      heap_used_after_mib: gauge('nodejs_heap_size_used_bytes'),
      heap_total_after_mib: gauge('nodejs_heap_size_total_bytes'),
      quarters,
      logs_kept: kept,
      log_limit: o.logLimit,
      samples,
    };
    const file = path.join(root, '.bench', o.out);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
    console.log(`\nsoak: ${done.toLocaleString('en-US')} requests (${out.failed} failed) with ${body.length}-byte bodies in ${out.seconds} s (${out.rps.toLocaleString('en-US')} req/s)`);
    console.log('\n| point | requests | RSS MiB |\n|---|---:|---:|');
    console.log(`| before | 0 | ${before} |`);
    for (const [name, share] of [['25%', 0.25], ['50%', 0.5], ['75%', 0.75]]) console.log(`| ${name} | ${Math.round(share * done).toLocaleString('en-US')} | ${at(share)} |`);
    console.log(`| after | ${done.toLocaleString('en-US')} | ${afterLoad} |`);
    console.log(`| after, 3 s idle | ${done.toLocaleString('en-US')} | ${after} |`);
    console.log('\n| quarter of the requests | RSS min MiB | RSS max MiB |\n|---|---:|---:|');
    for (const q of quarters) console.log(`| ${q.quarter} | ${q.min_mib ?? '–'} | ${q.max_mib ?? '–'} |`);
    console.log(`\npeak ${out.rss_peak_mib} MiB; growth first half ${out.growth_first_half_mib} MiB, second half ${out.growth_second_half_mib} MiB; /__logs holds ${kept} entries (limit ${o.logLimit}); V8 heap ${out.heap_used_after_mib} MiB used of ${out.heap_total_after_mib} MiB`);
    console.log(`JSON: ${path.relative(process.cwd(), file)}`);
    if (out.failed > 0) process.exitCode = 1;
  } finally {
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`soak: ${err.message}\n`);
  process.exit(1);
});
