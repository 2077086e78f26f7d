// Profiles the built server under load: `node --cpu-prof` while a scenario runs, then self and total time
// by source file (from the bundle's module markers) and by function.
//   node test/bench/profile.mjs [--scenarios static,param] [--duration S] [--top N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLoad, wrkAvailable } from './lib/load.mjs';
import { freePort, pinning, pinSelf, startProcess } from './lib/processes.mjs';
import { PARAM_PATH, POST_PATH, STATIC_PATH, BEHAVIOURS_PATH, writeMainConfig } from './lib/workload.mjs';
import { POST_BODY } from './lib/plan.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (msg) => process.stderr.write(`profile: ${msg}\n`);

const REQUESTS = {
  static: { path: STATIC_PATH },
  param: { paths: Array.from({ length: 1000 }, (_, i) => PARAM_PATH.replace(':id', String(i + 1))) },
  'post-body': { method: 'POST', path: POST_PATH, body: POST_BODY, headers: { 'content-type': 'application/json' } },
  behaviours: { path: BEHAVIOURS_PATH },
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
function analyse(profileFile, bundle) {
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8'));
  const where = moduleRanges(bundle);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const { url, functionName, lineNumber } = n.callFrame;
    if (!url) return { file: functionName || '(anonymous)', fn: functionName || '(anonymous)' };
    if (url.endsWith(path.basename(bundle))) {
      const file = groupOf(where(lineNumber));
      return { file, fn: `${functionName || '(anonymous)'} (${where(lineNumber).replace(/^node_modules\//, '')}, dist line ${lineNumber + 1})` };
    }
    const file = url.startsWith('node:') ? url : url.replace(/^file:\/\//, '');
    return { file, fn: `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}` };
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
  const rows = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms: Math.round(ms), pct_busy: Math.round((ms / busy) * 1000) / 10 }));
  return { total_ms: Math.round(total), idle_ms: Math.round(idle), busy_ms: Math.round(busy), file_self: rows(fileSelf), file_total: rows(fileTotal), fn_self: rows(fnSelf), fn_total: rows(fnTotal) };
}

function table(title, rows, top) {
  const out = [`\n${title}`, '| where | ms | % of busy |', '|---|---:|---:|'];
  for (const r of rows.slice(0, top)) out.push(`| ${r.name} | ${r.ms} | ${r.pct_busy}% |`);
  return out.join('\n');
}

async function main() {
  const argv = process.argv.slice(2);
  const arg = (name, dflt) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : dflt;
  };
  const scenarios = arg('--scenarios', 'static,param').split(',');
  const seconds = Number(arg('--duration', '10'));
  const top = Number(arg('--top', '25'));
  const bundle = path.join(root, 'dist', 'cli.js');
  if (!fs.existsSync(bundle)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const pin = pinning(!argv.includes('--no-pin'));
  pinSelf(pin);
  const loadgen = wrkAvailable() ? 'wrk' : 'autocannon';
  const outDir = path.join(root, '.bench');
  fs.mkdirSync(outDir, { recursive: true });
  const summary = {};
  for (const scenario of scenarios) {
    const request = REQUESTS[scenario];
    if (!request) throw new Error(`unknown scenario ${scenario} (known: ${Object.keys(REQUESTS).join(', ')})`);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-profile-'));
    const dir = writeMainConfig(path.join(tmp, 'config'));
    const profDir = path.join(tmp, 'prof');
    const port = await freePort();
    const args = ['--cpu-prof', '--cpu-prof-dir', profDir, bundle, 'serve', '--config', dir, '--port', String(port), '--host', '127.0.0.1', '--no-watch', '--log-level', 'warn', '--seed', '1'];
    const server = await startProcess({ name: 'mockdock', command: process.execPath, args, cwd: root, port, readyPath: '/__health', pin });
    await runLoad(loadgen, { ...request, base: server.base, connections: 50, seconds: 2, pin });
    const r = await runLoad(loadgen, { ...request, base: server.base, connections: 50, seconds, pin });
    await server.stop();
    const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no profile written for ${scenario}: ${server.output()}`);
    const keep = path.join(outDir, `${scenario}.cpuprofile`);
    fs.copyFileSync(path.join(profDir, file), keep);
    fs.rmSync(tmp, { recursive: true, force: true });
    const a = analyse(keep, bundle);
    summary[scenario] = { rps_while_profiling: Math.round(r.rps), ...a };
    console.log(`\n## ${scenario}: ${Math.round(r.rps)} req/s while profiling; ${a.busy_ms} ms busy of ${a.total_ms} ms sampled (${keep})`);
    console.log(table('self time by file/package', a.file_self, top));
    console.log(table('total time by file/package (callees included)', a.file_total, top));
    console.log(table('self time by function', a.fn_self, top));
    console.log(table('total time by function (callees included)', a.fn_total.filter((x) => /src\//.test(x.name)), top));
  }
  fs.writeFileSync(path.join(outDir, 'profile.json'), `${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((err) => {
  process.stderr.write(`profile: ${err.message}\n`);
  process.exit(1);
});
