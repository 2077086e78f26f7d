// `npm run bench:ui`: the static figure with and without a UI tab open. Starts the built CLI on loopback with one
// static endpoint, then alternates rounds of load (autocannon) with no browser and with Chromium showing the live
// request log and the dashboard in two tabs; prints the medians and the drop. With 2 cores and taskset, mockdock
// runs on one core and the load generator and Chromium share the other, so the server's CPU per answer says
// what the open UI costs the server, apart from what the browser takes from the load generator.
// Options: --rounds N --seconds S --connections C --pages requests,dashboard (the UI pages open, one tab each).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs as nodeArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { runLoad, wrkAvailable } from './lib/load.mjs';
import { coreSampler, descendantsCpuSeconds, pinning, pinSelf, startServing } from './lib/processes.mjs';
import { builtCli } from './lib/flags.mjs';
import { median } from './lib/stats.mjs';

const { values } = nodeArgs({ options: { rounds: { type: 'string', default: '3' }, seconds: { type: 'string', default: '5' }, connections: { type: 'string', default: '32' }, pages: { type: 'string', default: 'requests,dashboard' }, loadgen: { type: 'string', default: 'auto' } } });
const pages = values.pages.split(',').filter(Boolean);
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const loadgen = values.loadgen === 'auto' ? (wrkAvailable() ? 'wrk' : 'autocannon') : values.loadgen;
if (loadgen === 'wrk' && !wrkAvailable()) throw new Error('--loadgen wrk: wrk is not installed');
const TOKEN = 'bench';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const CHROMIUM = /^chrom/;
const log = (m) => process.stderr.write(`bench:ui: ${m}\n`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-uibench-'));
fs.writeFileSync(path.join(dir, 'static.yaml'), '- name: static\n  path: /static\n  response: { ok: true }\n');
const pin = pinning(!process.argv.includes('--no-pin'));
pinSelf(pin); // Chromium, started from here, inherits the load generator's core
const { child, url: base } = await startServing(builtCli(), ['--port', '0', '--host', '127.0.0.1', '--config', dir, '--admin-token', TOKEN], pin);

const load = async (secs = seconds) => {
  const sample = coreSampler(pin, child.pid);
  const browserCpu = descendantsCpuSeconds(process.pid, CHROMIUM);
  const run = await runLoad(loadgen, { base, path: '/static', connections, seconds: secs, pin });
  const core = sample();
  const browserShare = (descendantsCpuSeconds(process.pid, CHROMIUM) - browserCpu) / secs;
  return { ...run, browserShare, cpuUs: core && run.total > 0 ? (core.server_cpu_s * 1e6) / run.total : null };
};
const cpuWithout = [];
const cpuWith = [];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
const without = [];
const withUi = [];
const browserShares = [];
try {
  await load(); // warm-up
  for (let r = 0; r < rounds; r++) {
    const plain = await load();
    without.push(plain.rps);
    if (plain.cpuUs !== null) cpuWithout.push(plain.cpuUs);
    const context = await browser.newContext();
    await context.addInitScript((t) => sessionStorage.setItem('mockdock.adminToken', t), TOKEN);
    const tabs = {};
    for (const name of pages) {
      const tab = (tabs[name] = await context.newPage());
      await tab.goto(`${base}/__ui#/${name}`);
      await tab.getByRole('heading', { name: name[0].toUpperCase() + name.slice(1) }).waitFor();
      if (name === 'requests') await tab.getByText('Live').waitFor();
    }
    await load(2); // the tab settles (its first draws, compiling the page's code), as a tab open for minutes has
    const shown = await load();
    withUi.push(shown.rps);
    browserShares.push(shown.browserShare);
    if (shown.cpuUs !== null) cpuWith.push(shown.cpuUs);
    const rows = tabs.requests ? await tabs.requests.locator('tbody tr').count() : 0;
    log(`round ${r + 1}: ${Math.round(without.at(-1))} req/s without the UI, ${Math.round(shown.rps)} with it (log table holds ${rows} rows; Chromium used ${Math.round(shown.browserShare * 100)} % of a core)`);
    await context.close();
  }
} finally {
  await browser.close();
  child.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
}
const a = median(without);
const b = median(withUi);
const us = (list) => (list.length ? `${median(list).toFixed(1)} µs` : '–');
const cpuDrop = cpuWithout.length && cpuWith.length ? `${(((median(cpuWith) - median(cpuWithout)) / median(cpuWithout)) * 100).toFixed(1)} % more CPU per answer` : '–';
console.log(`${pin.reason}; load from ${loadgen}`);
console.log(`| static GET, ${connections} connections, ${rounds} × ${seconds} s | req/s (median) | server CPU per answer (median) |\n|---|---|---|\n| no UI open | ${Math.round(a)} | ${us(cpuWithout)} |\n| UI open: ${pages.join(' + ')} tab(s) | ${Math.round(b)} | ${us(cpuWith)} |\n| drop | ${(((a - b) / a) * 100).toFixed(1)} % | ${cpuDrop} |`);
// the machine drifts between rounds: each round's pair (no UI, then UI) is compared on its own, too
const ratios = withUi.map((v, i) => v / without[i]);
console.log(`paired by round (each round's UI run against the run just before it): median drop ${((1 - median(ratios)) * 100).toFixed(1)} % (rounds: ${ratios.map((r) => `${((1 - r) * 100).toFixed(0)} %`).join(', ')})`);
console.log(`Chromium, all its tabs, used ${Math.round(median(browserShares) * 100)} % of a core (median) while the load ran.`);
