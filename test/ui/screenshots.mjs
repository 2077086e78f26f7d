// Takes the README's screenshots of the web UI: `npm run ui:screenshots` (after `npm run build`).
// Runs the built CLI on a loopback port with a copy of config/, sends it some traffic, and saves one PNG
// per page under test/ui/screenshots/ from Debian's Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { builtCli, repoRoot as root } from '../bench/lib/flags.mjs';
import { startServing } from '../bench/lib/processes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'screenshots');
const TOKEN = 'screenshots';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-shots-'));
fs.cpSync(path.join(root, 'config'), dir, { recursive: true });
// a scenario and a collection, so the Config page has state to show
fs.writeFileSync(
  path.join(dir, 'shop.yaml'),
  [
    '- { name: cart-empty, path: /cart, scenario: checkout, when_state: started, response: { items: [] } }',
    '- { name: cart-filled, path: /cart, scenario: checkout, when_state: filled, response: { items: [{ sku: A1 }] } }',
    '- { name: books, path: /books, crud: { seed: [{ id: 1, title: Dune }, { id: 2, title: Emma }] } }',
    '',
  ].join('\n'),
);
const { child, url } = await startServing(builtCli(), ['--port', '0', '--host', '127.0.0.1', '--config', dir, '--admin-token', TOKEN, '--seed', '7']);

const hit = (p, init = {}) => fetch(url + p, { ...init, signal: AbortSignal.timeout(1500) }).then((r) => r.arrayBuffer(), () => undefined);
/** A few seconds of mixed traffic: fast answers, slow ones, injected failures and a miss. */
async function traffic(seconds) {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    await Promise.all([
      hit('/api/users'),
      hit('/api/users/7'),
      hit('/api/orders/1'),
      hit('/api/search?q=lamp'),
      hit('/api/payments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"amount": 12}' }),
    ]);
    await new Promise((r) => setTimeout(r, 150));
  }
}

fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript((t) => sessionStorage.setItem('mockdock.adminToken', t), TOKEN);
  const shot = (name) => page.screenshot({ path: path.join(out, `${name}.png`) });

  await traffic(12);
  await page.goto(`${url}/__ui#/endpoints/get-user`);
  await page.getByRole('heading', { name: 'get-user' }).waitFor();
  await shot('endpoints');

  await page.goto(`${url}/__ui#/editor`);
  const editor = page.getByRole('textbox', { name: 'Endpoint YAML' });
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('delay_ms: 200\n');
  await page.getByRole('list', { name: 'Problems' }).waitFor();
  await shot('editor');

  await page.goto(`${url}/__ui#/requests`);
  await page.getByRole('status').getByText('Live').waitFor();
  await hit('/api/user/7');
  await page.getByRole('link', { name: 'GET /api/user/7' }).click();
  await page.getByRole('region', { name: 'Closest endpoints' }).waitFor();
  await shot('requests');

  fs.writeFileSync(path.join(dir, 'broken.yaml'), '- name: broken\n  path: /broken\n  respone: {}\n');
  await page.goto(`${url}/__ui#/config`);
  await page.getByRole('button', { name: 'Reload config' }).click();
  await page.getByRole('list', { name: 'Reload problems' }).waitFor();
  await page.getByRole('button', { name: 'books' }).click();
  await shot('config');

  await page.goto(`${url}/__ui#/dashboard`);
  const traffic2 = traffic(6);
  await page.locator('.chart canvas').first().waitFor({ timeout: 5000 }).catch(() => undefined);
  await traffic2;
  await page.waitForTimeout(2500); // one more poll, so the chart holds the last seconds of traffic
  await shot('dashboard');
  console.log(`screenshots written to ${path.relative(root, out)}/`);
} finally {
  await browser.close();
  child.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
}
