// Profiles the built server under load: `node --cpu-prof` while a scenario runs, then self and total time
// by source file (from the bundle's module markers) and by function.
//   node test/bench/profile.mjs [--scenarios static,param,post-body,behaviours,many-last,many-random,startup,reload] [--duration S] [--top N]
//                               [--target mockdock|koa]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLoad, wrkAvailable } from './lib/load.mjs';
import { freePort, httpRequest, pinning, pinSelf, startProcess } from './lib/processes.mjs';
import { BEHAVIOURS_PATH, CRUD_PATH, CRUD_SIZE, PARAM_PATH, POST_PATH, STATIC_PATH, manyRoutePath, writeCrudConfig, writeMainConfig, writeManyRoutesConfig } from './lib/workload.mjs';
import { POST_BODY } from './lib/plan.mjs';
import { builtCli } from './lib/flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (msg) => process.stderr.write(`profile: ${msg}\n`);

const REQUESTS = {
  static: { path: STATIC_PATH },
  param: { paths: Array.from({ length: 1000 }, (_, i) => PARAM_PATH.replace(':id', String(i + 1))) },
  'post-body': { method: 'POST', path: POST_PATH, body: POST_BODY, headers: { 'content-type': 'application/json' } },
  behaviours: { path: BEHAVIOURS_PATH },
  // 10,000 endpoints loaded, the last one or one at random per request
  'many-last': { path: manyRoutePath(9999), manyRoutes: true },
  'many-random': { paths: Array.from({ length: 10000 }, (_, i) => manyRoutePath(i)), manyRoutes: true },
  // a 10,000-item CRUD collection, GET by id
  crud: { paths: Array.from({ length: 1000 }, (_, i) => `${CRUD_PATH}/${1 + ((i * 7919) % CRUD_SIZE)}`), crud: true },
};

/** Line ranges of the bundle that belong to each source module (esbuild writes `// path` before each). */
function moduleRanges(bundle) {
  const ranges = [];
  const lines = fs.readFileSync(bundle, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const m = /^\/\/ ((?:src|node_modules|package\.json)\S*)$/.exec(line);
    if (m) ranges.push({ start: i, module: m[1] });
  });
  return (lineNumber) => {
    let lo = 0;
    let hi = ranges.length - 1;
    let found = '(bundle prelude)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid].start <= lineNumber) {
        found = ranges[mid].module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

function groupOf(module) {
  if (module.startsWith('src/')) return module;
  const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
  return m ? `npm:${m[1]}` : module;
}

/** Self and total milliseconds per node of a .cpuprofile, attributed to source files and functions. */
function analyse(profileFile, bundle, window) {
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8'));
  const where = moduleRanges(bundle);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  // Timestamps are microseconds on the monotonic clock process.hrtime also reads, so a window taken
  // here around the measured run keeps start-up and warm-up out of the figures.
  let ts = profile.startTime;
  profile.samples.forEach((id, i) => {
    ts += profile.timeDeltas[i] ?? 0;
    if (window && (ts < window[0] || ts > window[1])) return;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const { url, functionName, lineNumber } = n.callFrame;
    if (!url) return { file: functionName || '(anonymous)', fn: functionName || '(anonymous)' };
    if (url.endsWith(path.basename(bundle))) {
      const file = groupOf(where(lineNumber));
      return { file, fn: `${functionName || '(anonymous)'} (${where(lineNumber).replace(/^node_modules\//, '')}, dist line ${lineNumber + 1})` };
    }
    const plain = url.replace(/^file:\/\//, '');
    const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(plain);
    const file = url.startsWith('node:') ? url : pkg ? `npm:${pkg[1]}` : path.relative(root, plain);
    return { file, fn: `${functionName || '(anonymous)'} ${path.relative(root, plain) || url}:${lineNumber + 1}` };
  };
  const fileSelf = new Map();
  const fnSelf = new Map();
  const fnTotal = new Map();
  const fileTotal = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, ms] of self) {
    const n = byId.get(id);
    const { file, fn } = label(n);
    total += ms;
    if (n.callFrame.functionName === '(idle)') idle += ms;
    fileSelf.set(file, (fileSelf.get(file) ?? 0) + ms);
    fnSelf.set(fn, (fnSelf.get(fn) ?? 0) + ms);
    // Total time: charge each function and file once per sample stack, however often it recurs.
    const seenFn = new Set();
    const seenFile = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur));
      if (!seenFn.has(l.fn)) fnTotal.set(l.fn, (fnTotal.get(l.fn) ?? 0) + ms), seenFn.add(l.fn);
      if (!seenFile.has(l.file)) fileTotal.set(l.file, (fileTotal.get(l.file) ?? 0) + ms), seenFile.add(l.file);
    }
  }
  const busy = total - idle;
  // Shares are of the busy time: waiting for the network ("(idle)") and the synthetic "(root)" are left out.
  const rows = (m) =>
    [...m.entries()]
      .filter(([name]) => name !== '(idle)' && name !== '(root)')
      .sort((a, b) => b[1] - a[1])
      .map(([name, ms]) => ({ name, ms: Math.round(ms), pct_busy: Math.round((ms / busy) * 1000) / 10 }));
  return { total_ms: Math.round(total), idle_ms: Math.round(idle), busy_ms: Math.round(busy), file_self: rows(fileSelf), file_total: rows(fileTotal), fn_self: rows(fnSelf), fn_total: rows(fnTotal) };
}

function table(title, rows, top) {
  const out = [`\n${title}`, '| where | ms | % of busy |', '|---|---:|---:|'];
  for (const r of rows.slice(0, top)) out.push(`| ${r.name} | ${r.ms} | ${r.pct_busy}% |`);
  return out.join('\n');
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** Runs one scenario against a server started with --cpu-prof; returns the profile file and the window to read. */
async function profileScenario(scenario, { bundle, pin, loadgen, seconds, tmp, target }) {
  const lifecycle = scenario === 'startup' || scenario === 'reload';
  const dir = REQUESTS[scenario]?.crud ? writeCrudConfig(path.join(tmp, 'config')) : lifecycle || REQUESTS[scenario]?.manyRoutes ? writeManyRoutesConfig(path.join(tmp, 'config'), 10000) : writeMainConfig(path.join(tmp, 'config'));
  const profDir = path.join(tmp, 'prof');
  const port = await freePort();
  // --target koa profiles the koa + @koa/router baseline instead, to see where the two differ.
  const args =
    target === 'koa'
      ? ['--cpu-prof', '--cpu-prof-dir', profDir, path.join(root, 'test', 'bench', 'baselines', 'koa-router.mjs'), String(port)]
      : ['--cpu-prof', '--cpu-prof-dir', profDir, bundle, 'serve', '--config', dir, '--port', String(port), '--host', '127.0.0.1', '--no-watch', '--log-level', 'warn', '--seed', '1'];
  const readyPath = lifecycle ? manyRoutePath(9999) : '/__health';
  const server = await startProcess({ name: 'mockdock', command: process.execPath, args, cwd: root, port, readyPath, pin });
  let window = null;
  let note;
  if (scenario === 'startup') {
    note = `spawn → first 200 with 10,000 endpoints: ${Math.round(server.startupMs)} ms (profiler on)`;
  } else if (scenario === 'reload') {
    const t0 = nowUs();
    const times = [];
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      await httpRequest(`${server.base}/__reload`, { method: 'POST', timeoutMs: 30_000 });
      times.push(Math.round(performance.now() - s));
    }
    window = [t0, nowUs()];
    note = `3 reloads of 10,000 endpoints: ${times.join(', ')} ms (profiler on)`;
  } else {
    const request = REQUESTS[scenario];
    await runLoad(loadgen, { ...request, base: server.base, connections: 50, seconds: 2, pin });
    const t0 = nowUs();
    const r = await runLoad(loadgen, { ...request, base: server.base, connections: 50, seconds, pin });
    window = [t0, nowUs()];
    note = `${Math.round(r.rps)} req/s while profiling (profiler on)`;
  }
  await server.stop();
  const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written for ${scenario}: ${server.output()}`);
  return { file: path.join(profDir, file), window, note };
}

async function main() {
  const argv = process.argv.slice(2);
  const arg = (name, dflt) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : dflt;
  };
  const scenarios = arg('--scenarios', 'static,param').split(',');
  const target = arg('--target', 'mockdock');
  if (target !== 'mockdock' && target !== 'koa') throw new Error('--target is mockdock or koa');
  if (target === 'koa' && scenarios.some((s) => s !== 'static' && s !== 'param')) throw new Error('--target koa profiles static and param only');
  for (const s of scenarios) if (!REQUESTS[s] && s !== 'startup' && s !== 'reload') throw new Error(`unknown scenario ${s} (known: ${[...Object.keys(REQUESTS), 'startup', 'reload'].join(', ')})`);
  const seconds = Number(arg('--duration', '10'));
  const top = Number(arg('--top', '25'));
  const bundle = builtCli();
  const pin = pinning(!argv.includes('--no-pin'));
  pinSelf(pin);
  const loadgen = wrkAvailable() ? 'wrk' : 'autocannon';
  const outDir = path.join(root, '.bench');
  fs.mkdirSync(outDir, { recursive: true });
  const summaryFile = path.join(outDir, 'profile.json');
  const summary = fs.existsSync(summaryFile) ? JSON.parse(fs.readFileSync(summaryFile, 'utf8')) : {};
  for (const scenario of scenarios) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-profile-'));
    try {
      const { file, window, note } = await profileScenario(scenario, { bundle, pin, loadgen, seconds, tmp, target });
      const name = target === 'koa' ? `koa-${scenario}` : scenario;
      const keep = path.join(outDir, `${name}.cpuprofile`);
      fs.copyFileSync(file, keep);
      const a = analyse(keep, bundle, window);
      summary[name] = { note, ...a };
      console.log(`\n## ${name}: ${note}; main thread busy ${a.busy_ms} ms, idle ${a.idle_ms} ms of ${a.total_ms} ms sampled (${path.relative(root, keep)})`);
      console.log(table('self time by file/package', a.file_self, top));
      console.log(table('total time by file/package (callees included)', a.file_total, top));
      console.log(table('self time by function', a.fn_self, top));
      console.log(table('total time by mockdock function (callees included)', a.fn_total.filter((x) => /\(src\//.test(x.name)), top));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  fs.writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((err) => {
  process.stderr.write(`profile: ${err.message}\n`);
  process.exit(1);
});
