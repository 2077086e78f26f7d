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
import { builtCli } from './lib/flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

function machine() {
  const cpu = fs.existsSync('/proc/cpuinfo') ? /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] : os.cpus()[0]?.model;
  return { nproc: os.cpus().length, cpu: cpu ?? 'unknown', node: process.version, os: `${os.type()} ${os.release()}`, memory_gib: Math.round(os.totalmem() / 2 ** 30) };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) return void console.log(USAGE);
  if (opts.report) return reprint(path.resolve(process.cwd(), opts.report));
  builtCli();
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

  const { servers: starters, measurements } = buildPlan({ root, tmp, pin, scenarios: opts.scenarios, peers, against: opts.against ? path.resolve(opts.against) : undefined });
  const running = {};
  const results = {
    date: new Date().toISOString(),
    machine: machine(),
    load_average_at_start: os.loadavg().map((x) => Math.round(x * 100) / 100),
    background_busy_at_start: background,
    method: { loadgen, pinning: pin.reason, connections: opts.connections, duration_s: opts.duration, runs: opts.runs, warmup_s: opts.warmup, interleaved: true, quick: opts.quick, max_other: opts.maxOther },
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
    // Retries of disturbed runs are capped, so a machine that stays busy costs at most half as much time again.
    let retryBudget = Math.ceil((active.length * opts.runs) / 2);
    for (let round = 0; round < opts.runs; round++) {
      // every other round runs the list backwards (ABBA): a machine that speeds up or slows down over the
      // run then favours no server by its place in the list
      for (const m of round % 2 === 0 ? active : [...active].reverse()) {
        const server = running[m.server];
        const spec = { ...m.request, base: server.base, connections: opts.connections, pin };
        const warm = round === 0 ? opts.warmup : Math.min(1, opts.warmup);
        const w = await runLoad(loadgen, { ...spec, seconds: warm });
        let r;
        for (let attempt = 0; attempt < 3; attempt++) {
          const sample = coreSampler(pin, server.pid);
          r = await runLoad(loadgen, { ...spec, seconds: opts.duration });
          r.core = sample();
          // CPU time per request barely moves with other load on the machine, unlike req/s.
          r.server_us_per_req = r.core && r.total ? Math.round((r.core.server_cpu_s * 1e6) / r.total) : null;
          r.noisy = !!r.core && r.core.other > opts.maxOther;
          results.servers[m.server].requests += r.total;
          const retry = r.noisy && attempt < 2 && retryBudget > 0;
          if (r.noisy) log(`  noisy run (other processes took ${Math.round(r.core.other * 100)}% of the server core)${retry ? ', again' : ''}: ${Math.round(r.rps)} req/s`);
          if (!retry) break;
          retryBudget--;
          (m.discarded ??= []).push(r);
        }
        m.runs.push(r);
        // Checked at once: later scenarios push these entries out of the 1,000-entry ring buffer.
        if (m.scenario === 'post-body') results.post_body_logged = await postBodyLogged(server.base);
        log(`round ${round + 1}/${opts.runs} ${m.scenario.padEnd(24)} ${m.label.padEnd(40)} ${Math.round(r.rps).toString().padStart(7)} req/s  p50 ${r.p50?.toFixed(2)} ms  p99 ${r.p99?.toFixed(2)} ms${r.core ? `  server core ${Math.round(r.core.server * 100)}% server, ${Math.round(r.core.other * 100)}% other; client core ${Math.round(r.core.client_core_busy * 100)}% busy; ${r.server_us_per_req} µs server CPU/req` : ''}${r.errors || r.non2xx ? `  errors ${r.errors} non-2xx ${r.non2xx}` : ''}`);
      }
    }
    for (const m of active) {
      // Medians over the runs no other process disturbed; all runs when every one was disturbed.
      const clean = m.runs.filter((r) => !r.noisy);
      const used = clean.length ? clean : m.runs;
      const pick = (k) => median(used.map((r) => r[k]));
      results.measurements.push({
        scenario: m.scenario,
        server: m.server,
        label: m.label,
        check_problem: m.check_problem,
        clean_runs: clean.length,
        discarded_noisy_runs: m.discarded ?? [],
        median: { rps: pick('rps'), p50: pick('p50'), p99: pick('p99'), client_cpu: pick('clientCpu'), core_server: median(used.map((r) => r.core?.server)), core_other: median(used.map((r) => r.core?.other)), client_core_busy: median(used.map((r) => r.core?.client_core_busy)), server_us_per_req: pick('server_us_per_req') },
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

  results.load_average_at_end = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const out = path.resolve(root, opts.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  reprint(out);
}

/** Adds the latest soak result and the target checks to a results file, and prints its tables. */
function reprint(file) {
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  const soakFile = path.join(root, '.bench', 'soak.json');
  if (fs.existsSync(soakFile)) {
    const { samples, ...soak } = JSON.parse(fs.readFileSync(soakFile, 'utf8'));
    results.soak = soak;
  }
  results.targets = evaluateTargets(results);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const { machine: m, method: o } = results;
  console.log(`\nmockdock bench, ${results.date.slice(0, 10)}: ${m.nproc} × ${m.cpu}, Node ${m.node}; ${o.loadgen}, ${o.pinning}; ${o.connections} connections, median of ${o.runs} × ${o.duration_s} s`);
  console.log(`machine busy before start ${Math.round((results.background_busy_at_start ?? 0) * 100)}%; load average at start ${results.load_average_at_start.join(' ')}, at end ${results.load_average_at_end.join(' ')}\n`);
  console.log(markdownTables(results));
  if (results.post_body_logged) console.log(`\npost-body in /__logs: ${results.post_body_logged}`);
  if (results.soak) console.log(`soak (${results.soak.date.slice(0, 10)}): ${results.soak.requests.toLocaleString('en-US')} requests, RSS ${results.soak.rss_before_mib} → ${results.soak.rss_after_mib} MiB, peak ${results.soak.rss_peak_mib} MiB`);
  console.log(`\nJSON: ${path.relative(process.cwd(), file) || file}`);
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
