// `npm run bench`: starts the built server, the baselines and (with --compare) peers on loopback, loads each
// scenario in interleaved rounds, and prints medians as markdown (and JSON in .bench/results.json).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, USAGE } from './lib/args.mjs';
import { runLoad, wrkAvailable } from './lib/load.mjs';
import { measureReload, measureStartup } from './lib/lifecycle.mjs';
import { installPeers } from './lib/peers.mjs';
import { buildPlan, checkRoute, MANY_ROUTE_COUNTS } from './lib/plan.mjs';
import { backgroundBusy, coreSampler, httpRequest, pinning, pinSelf } from './lib/processes.mjs';
import { evaluateTargets, markdownTables } from './lib/report.mjs';
import { median } from './lib/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

function machine() {
  const cpu = fs.existsSync('/proc/cpuinfo') ? /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] : os.cpus()[0]?.model;
  return { nproc: os.cpus().length, cpu: cpu ?? 'unknown', node: process.version, os: `${os.type()} ${os.release()}`, memory_gib: Math.round(os.totalmem() / 2 ** 30) };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) return void console.log(USAGE);
  if (!fs.existsSync(path.join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const loadgen = opts.loadgen === 'auto' ? (wrkAvailable() ? 'wrk' : 'autocannon') : opts.loadgen;
  if (loadgen === 'wrk' && !wrkAvailable()) throw new Error('--loadgen wrk: wrk is not installed');
  const pin = pinning(opts.pin);
  pinSelf(pin);
  log(`${pin.reason}; load generator ${loadgen}; ${opts.connections} connections; ${opts.runs} run(s) × ${opts.duration} s per measurement`);

  const background = await backgroundBusy();
  if (background !== null && background > 0.1) {
    log(`⚠ the machine is already ${Math.round(background * 100)}% busy before the bench starts: figures will be low and noisy`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-bench-'));
  const peers = opts.compare.length ? installPeers(opts.compare, path.join(tmp, 'peers'), log) : {};
  for (const [name, p] of Object.entries(peers)) if (!p.ok) log(`peer ${name} skipped: ${p.reason}`);

  const { servers: starters, measurements } = buildPlan({ root, tmp, pin, scenarios: opts.scenarios, peers });
  const running = {};
  const results = {
    date: new Date().toISOString(),
    machine: machine(),
    load_average_at_start: os.loadavg().map((x) => Math.round(x * 100) / 100),
    background_busy_at_start: background,
    method: { loadgen, pinning: pin.reason, connections: opts.connections, duration_s: opts.duration, runs: opts.runs, warmup_s: opts.warmup, interleaved: true, quick: opts.quick },
    peers,
    measurements: [],
    servers: {},
  };

  try {
    if (opts.scenarios.includes('many-routes')) {
      results.startup = [];
      for (const count of MANY_ROUTE_COUNTS) {
        log(`start-up with ${count} endpoints …`);
        results.startup.push(await measureStartup({ root, tmp, pin, count, runs: opts.quick ? 1 : 3 }));
      }
    }

    const needed = [...new Set(measurements.map((m) => m.server))];
    for (const key of needed) {
      log(`starting ${key} …`);
      try {
        running[key] = await starters[key]();
        await new Promise((r) => setTimeout(r, 500));
        results.servers[key] = { name: running[key].name, startup_ms: Math.round(running[key].startupMs), idle_rss_mib: running[key].rss(), requests: 0 };
      } catch (err) {
        log(`${key} could not be started, its measurements are skipped: ${err.message.split('\n')[0]}`);
        running[key] = null;
      }
    }

    const active = measurements.filter((m) => running[m.server]);
    for (const m of active) {
      m.runs = [];
      m.check_problem = await checkRoute(running[m.server].base, m.check);
      if (m.check_problem) log(`⚠ ${m.scenario} on ${m.label}: ${m.check_problem}`);
    }
    for (let round = 0; round < opts.runs; round++) {
      for (const m of active) {
        const server = running[m.server];
        const spec = { ...m.request, base: server.base, connections: opts.connections, pin };
        const warm = round === 0 ? opts.warmup : Math.min(1, opts.warmup);
        const w = await runLoad(loadgen, { ...spec, seconds: warm });
        const sample = coreSampler(pin, server.pid);
        const r = await runLoad(loadgen, { ...spec, seconds: opts.duration });
        r.core = sample();
        // CPU time per request barely moves with other load on the machine, unlike req/s.
        r.server_us_per_req = r.core && r.total ? Math.round((r.core.server_cpu_s * 1e6) / r.total) : null;
        results.servers[m.server].requests += w.total + r.total;
        m.runs.push(r);
        // Checked at once: later scenarios push these entries out of the 1,000-entry ring buffer.
        if (m.scenario === 'post-body') results.post_body_logged = await postBodyLogged(server.base);
        log(`round ${round + 1}/${opts.runs} ${m.scenario.padEnd(24)} ${m.label.padEnd(40)} ${Math.round(r.rps).toString().padStart(7)} req/s  p50 ${r.p50?.toFixed(2)} ms  p99 ${r.p99?.toFixed(2)} ms${r.core ? `  server core ${Math.round(r.core.server * 100)}% server, ${Math.round(r.core.other * 100)}% other; client core ${Math.round(r.core.client_core_busy * 100)}% busy; ${r.server_us_per_req} µs server CPU/req` : ''}${r.errors || r.non2xx ? `  errors ${r.errors} non-2xx ${r.non2xx}` : ''}`);
      }
    }
    for (const m of active) {
      const pick = (k) => median(m.runs.map((r) => r[k]));
      results.measurements.push({
        scenario: m.scenario,
        server: m.server,
        label: m.label,
        check_problem: m.check_problem,
        median: { rps: pick('rps'), p50: pick('p50'), p99: pick('p99'), client_cpu: pick('clientCpu'), core_server: median(m.runs.map((r) => r.core?.server)), core_other: median(m.runs.map((r) => r.core?.other)), client_core_busy: median(m.runs.map((r) => r.core?.client_core_busy)), server_us_per_req: pick('server_us_per_req') },
        runs: m.runs,
      });
    }

    if (running['mockdock-10000']) {
      log('reload with 10000 endpoints …');
      results.reload = await measureReload({
        server: running['mockdock-10000'],
        count: 10000,
        runs: opts.quick ? 1 : 3,
        loadSeconds: opts.quick ? 3 : 8,
        connections: opts.connections,
        loadgen,
        pin,
      });
    }
    for (const [key, s] of Object.entries(running)) if (s) results.servers[key].rss_after_mib = s.rss();
  } finally {
    await Promise.all(Object.values(running).filter(Boolean).map((s) => s.stop()));
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const soakFile = path.join(root, '.bench', 'soak.json');
  if (fs.existsSync(soakFile)) results.soak = JSON.parse(fs.readFileSync(soakFile, 'utf8'));
  results.load_average_at_end = os.loadavg().map((x) => Math.round(x * 100) / 100);
  results.targets = evaluateTargets(results);
  const out = path.resolve(root, opts.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);

  const m = results.machine;
  console.log(`\nmockdock bench, ${results.date.slice(0, 10)}: ${m.nproc} × ${m.cpu}, Node ${m.node}; ${loadgen}, ${pin.reason}; ${opts.connections} connections, median of ${opts.runs} × ${opts.duration} s`);
  console.log(`machine busy before start ${Math.round((background ?? 0) * 100)}%; load average at start ${results.load_average_at_start.join(' ')}, at end ${results.load_average_at_end.join(' ')}\n`);
  console.log(markdownTables(results));
  if (results.post_body_logged) console.log(`\npost-body in /__logs: ${results.post_body_logged}`);
  console.log(`\nJSON: ${path.relative(process.cwd(), out) || out}`);
}

/** The last POST seen in /__logs carries the 1 KiB body the load sent. */
async function postBodyLogged(base) {
  const r = await httpRequest(`${base}/__logs?endpoint=post-body&limit=1`);
  try {
    const entries = JSON.parse(r.body);
    const list = Array.isArray(entries) ? entries : entries.entries ?? entries.logs ?? [];
    const body = list[0]?.body;
    return body && (body.customer === 'c_42' || String(body).includes('c_42')) ? 'yes, the request body is recorded' : `no: ${r.body.slice(0, 200)}`;
  } catch {
    return `no: /__logs answered ${r.status} ${r.body.slice(0, 200)}`;
  }
}

main().catch((err) => {
  process.stderr.write(`bench: ${err.message}\n`);
  process.exit(1);
});
