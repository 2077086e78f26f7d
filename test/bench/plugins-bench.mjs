// `npm run bench:plugins`: two built servers on loopback serving the same static endpoint, one of them with a
// plugin whose onRequest does nothing (returns undefined at once); interleaved rounds, medians.
// Target: the plugin costs under 10 % of the static figure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAutocannon } from './lib/load.mjs';
import { freePort, httpRequest, pinning, pinSelf, startProcess } from './lib/processes.mjs';
import { median } from './lib/stats.mjs';
import { STATIC_OBJECT } from './lib/workload.mjs';
import { build } from 'esbuild';
import { builtCli, numberFlag, repoRoot as root } from './lib/flags.mjs';

const seconds = numberFlag('duration', 5);
const runs = numberFlag('runs', 5);
const connections = numberFlag('connections', 50);
const log = (msg) => process.stderr.write(`bench:plugins: ${msg}\n`);

function writeConfig(dir, withPlugin) {
  fs.mkdirSync(path.join(dir, 'plugins'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'endpoints.yaml'), `- { path: /api/static, response: ${JSON.stringify(STATIC_OBJECT)} }\n`);
  if (!withPlugin) return;
  fs.writeFileSync(path.join(dir, 'mockdock.yaml'), 'plugins: [plugins/noop.mjs]\n');
  fs.writeFileSync(path.join(dir, 'plugins/noop.mjs'), "export default { name: 'noop', onRequest() {} };\n");
}

async function start(dir, pin, extra) {
  const port = await freePort();
  const server = await startProcess({
    name: 'mockdock',
    command: process.execPath,
    args: [builtCli(), 'serve', '--config', dir, '--port', String(port), '--host', '127.0.0.1', '--no-watch', '--log-level', 'warn', ...extra],
    cwd: root,
    env: {},
    port,
    readyPath: '/__health',
    pin,
  });
  return { server, base: `http://127.0.0.1:${port}` };
}

/** The in-process figure: handleRequest with and without the plugin (bundled from the sources with esbuild). */
async function core(tmp) {
  const out = path.join(tmp, 'plugins-core.cjs');
  await build({ entryPoints: [path.join(root, 'test/bench/lib/plugins-core.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning' });
  const { coreCost } = (await import(out)).default;
  return coreCost(path.join(tmp, 'plain'), path.join(tmp, 'plugin'));
}

async function main() {
  builtCli();
  const pin = pinning(!process.argv.includes('--no-pin'));
  pinSelf(pin);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-bench-plugins-'));
  writeConfig(path.join(tmp, 'plain'), false);
  writeConfig(path.join(tmp, 'plugin'), true);
  const plain = await start(path.join(tmp, 'plain'), pin, []);
  const plugin = await start(path.join(tmp, 'plugin'), pin, ['--allow-plugins']);
  try {
    for (const { base } of [plain, plugin]) {
      const check = await httpRequest(`${base}/api/static`);
      if (check.status !== 200) throw new Error(`${base}/api/static answered ${check.status}: ${check.body}`);
    }
    log(`${pin.reason}; ${connections} connections; ${runs} rounds × ${seconds} s, interleaved`);
    const figures = { plain: [], plugin: [] };
    await runAutocannon({ base: plain.base, path: '/api/static', connections, seconds: 2 }); // warm-up
    await runAutocannon({ base: plugin.base, path: '/api/static', connections, seconds: 2 });
    for (let i = 0; i < runs; i++) {
      // alternate which goes first, so a drift of the machine's load does not favour one
      const order = i % 2 === 0 ? ['plain', 'plugin'] : ['plugin', 'plain'];
      for (const key of order) figures[key].push(await runAutocannon({ base: (key === 'plain' ? plain : plugin).base, path: '/api/static', connections, seconds }));
    }
    const plainRps = median(figures.plain.map((f) => f.rps));
    const pluginRps = median(figures.plugin.map((f) => f.rps));
    const cost = 1 - pluginRps / plainRps;
    const bad = [...figures.plain, ...figures.plugin].reduce((n, f) => n + f.non2xx + f.errors, 0);
    console.log('| measurement | median req/s | p99 ms | rounds (req/s) |');
    console.log('|---|---|---|---|');
    console.log(`| static endpoint | ${Math.round(plainRps)} | ${median(figures.plain.map((f) => f.p99))} | ${figures.plain.map((f) => Math.round(f.rps)).join(', ')} |`);
    console.log(`| static endpoint + no-op onRequest plugin | ${Math.round(pluginRps)} (costs ${(cost * 100).toFixed(1)} %; target < 10 %) | ${median(figures.plugin.map((f) => f.p99))} | ${figures.plugin.map((f) => Math.round(f.rps)).join(', ')} |`);
    const inProcess = await core(tmp);
    console.log(`| in-process, handleRequest only (no HTTP) | ${Math.round(inProcess.plain)} ns → ${Math.round(inProcess.plugin)} ns per request with the plugin (+${Math.round(inProcess.plugin - inProcess.plain)} ns, ${(((inProcess.plugin - inProcess.plain) / (1e9 / plainRps)) * 100).toFixed(2)} % of a request at the static figure) | | |`);
    if (bad > 0) console.log(`\n⚠ ${bad} answers were errors or not 2xx`);
  } finally {
    await plain.server.stop();
    await plugin.server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
