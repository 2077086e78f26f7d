// `npm run bench:auth`: the built server on loopback; a JWT-protected endpoint against the same static one
// (interleaved rounds, medians), then the token endpoint's RS256 tokens per second. Targets: ≥ 70 % and ≥ 1,000/s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAutocannon } from './lib/load.mjs';
import { freePort, httpRequest, pinning, pinSelf, startProcess } from './lib/processes.mjs';
import { median } from './lib/stats.mjs';
import { STATIC_OBJECT } from './lib/workload.mjs';
import { builtCli, numberFlag, repoRoot } from './lib/flags.mjs';

const root = repoRoot;
const arg = numberFlag;
const seconds = arg('duration', 5);
const runs = arg('runs', 3);
const connections = arg('connections', 50);
const log = (msg) => process.stderr.write(`bench:auth: ${msg}\n`);

function writeConfig(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'mockdock.yaml'),
    'auth:\n  clients:\n    - { client_id: bench, client_secret: bench-secret, scopes: [read] }\n',
  );
  const body = JSON.stringify(STATIC_OBJECT);
  fs.writeFileSync(
    path.join(dir, 'endpoints.yaml'),
    `- { path: /api/static, response: ${body} }\n- { path: /api/jwt, auth: { jwt: { scopes: [read] } }, response: ${body} }\n`,
  );
}

async function main() {
  builtCli();
  const pin = pinning(!process.argv.includes('--no-pin'));
  pinSelf(pin);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-bench-auth-'));
  writeConfig(tmp);
  const port = await freePort();
  const server = await startProcess({
    name: 'mockdock',
    command: process.execPath,
    args: [path.join(root, 'dist', 'cli.js'), 'serve', '--config', tmp, '--port', String(port), '--host', '127.0.0.1', '--no-watch', '--log-level', 'warn'],
    cwd: root,
    env: {},
    port,
    readyPath: '/__health',
    pin,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const minted = await httpRequest(`${base}/__auth/tokens`, { method: 'POST', body: '{"scope":"read"}', headers: { 'content-type': 'application/json' } });
    const token = JSON.parse(minted.body).access_token;
    const check = await httpRequest(`${base}/api/jwt`, { headers: { authorization: `Bearer ${token}` } });
    if (check.status !== 200) throw new Error(`the protected endpoint answered ${check.status}: ${check.body}`);
    log(`${pin.reason}; ${connections} connections; ${runs} rounds × ${seconds} s`);
    const figures = { static: [], jwt: [] };
    await runAutocannon({ base, path: '/api/static', connections, seconds: 2 }); // warm-up
    for (let i = 0; i < runs; i++) {
      figures.static.push(await runAutocannon({ base, path: '/api/static', connections, seconds }));
      figures.jwt.push(await runAutocannon({ base, path: '/api/jwt', headers: { authorization: `Bearer ${token}` }, connections, seconds }));
    }
    const tokens = await runAutocannon({
      base,
      method: 'POST',
      path: '/__auth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('bench:bench-secret').toString('base64')}` },
      body: 'grant_type=client_credentials&scope=read',
      connections: 20,
      seconds,
    });
    const staticRps = median(figures.static.map((f) => f.rps));
    const jwtRps = median(figures.jwt.map((f) => f.rps));
    const bad = [...figures.static, ...figures.jwt, tokens].reduce((n, f) => n + f.non2xx + f.errors, 0);
    const ratio = jwtRps / staticRps;
    console.log('| measurement | median req/s | p99 ms |');
    console.log('|---|---|---|');
    console.log(`| static endpoint | ${Math.round(staticRps)} | ${median(figures.static.map((f) => f.p99))} |`);
    console.log(`| JWT-protected endpoint, valid RS256 token | ${Math.round(jwtRps)} (${Math.round(ratio * 100)} % of static; target ≥ 70 %) | ${median(figures.jwt.map((f) => f.p99))} |`);
    console.log(`| token endpoint, client_credentials, RS256 | ${Math.round(tokens.rps)} tokens/s (target ≥ 1,000) | ${tokens.p99} |`);
    if (bad > 0) console.log(`\n⚠ ${bad} answers were errors or not 2xx`);
  } finally {
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
