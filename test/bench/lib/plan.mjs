// What one bench run measures: the servers to start and the measurements (scenario × server × request).
import path from 'node:path';
import { freePort, httpRequest, startProcess } from './processes.mjs';
import { PEERS } from './peers.mjs';
import {
  BEHAVIOURS_PATH,
  CRUD_PATH,
  CRUD_SIZE,
  POST_PATH,
  crudItem,
  writeCrudConfig,
  STATIC_OBJECT,
  STATIC_PATH,
  jsonBodyOfSize,
  manyRoutePath,
  writeMainConfig,
  writeManyRoutesConfig,
} from './workload.mjs';

export const MANY_ROUTE_COUNTS = [1000, 10000];
export const POST_BODY = jsonBodyOfSize(1024);
const PARAM_PATHS = Array.from({ length: 1000 }, (_, i) => `/api/users/${i + 1}`);
const JSON_HEADERS = { 'content-type': 'application/json' };

function mockdockArgs(cli, dir, port) {
  return [cli, 'serve', '--config', dir, '--port', String(port), '--host', '127.0.0.1', '--no-watch', '--log-level', 'warn', '--seed', '1'];
}

/** Starts mockdock on a config folder; `readyPath` decides what "first 200" means for the start-up time. */
export async function startMockdock({ root, dir, pin, readyPath = '/__health', name = 'mockdock' }) {
  const port = await freePort();
  const cli = path.join(root, 'dist', 'cli.js');
  return startProcess({ name, command: process.execPath, args: mockdockArgs(cli, dir, port), cwd: root, port, readyPath, pin });
}

async function startNodeScript(root, script, extra, pin, name) {
  const port = await freePort();
  const file = path.join(root, 'test', 'bench', 'baselines', script);
  return startProcess({ name, command: process.execPath, args: [file, String(port), ...extra], cwd: root, port, readyPath: '/__health', pin });
}

function sameJson(expected) {
  return (r) => {
    if (r.status < 200 || r.status > 299) return `status ${r.status}: ${r.body.slice(0, 200)}`;
    try {
      return JSON.stringify(JSON.parse(r.body)) === JSON.stringify(expected) ? null : `unexpected body ${r.body.slice(0, 200)}`;
    } catch {
      return `body is not JSON: ${r.body.slice(0, 200)}`;
    }
  };
}

function echoesId(expectEcho) {
  return (r) => {
    if (r.status !== 200) return `status ${r.status}: ${r.body.slice(0, 200)}`;
    if (!expectEcho) return null;
    return /"id":\s*"?7"?[,}]/.test(r.body) ? null : `id 7 not echoed: ${r.body.slice(0, 200)}`;
  };
}

/**
 * Servers (started lazily, kept for the whole run so measurements can be interleaved)
 * and the measurements for the chosen scenarios.
 */
export function buildPlan({ root, tmp, pin, scenarios, peers, against }) {
  const servers = {};
  const measurements = [];
  const want = (s) => scenarios.includes(s);
  const mainDir = path.join(tmp, 'config-main');
  const manyDir = (n) => path.join(tmp, `config-${n}`);
  const add = (m) => measurements.push(m);

  servers.raw = () => startNodeScript(root, 'raw-http.mjs', [], pin, 'node:http');
  servers.koa = () => startNodeScript(root, 'koa-router.mjs', [], pin, 'koa + @koa/router');
  servers['koa-1000'] = () => startNodeScript(root, 'koa-router.mjs', ['1000'], pin, 'koa + @koa/router, 1,000 routes');
  servers.mockdock = () => startMockdock({ root, dir: writeMainConfig(mainDir), pin });
  servers['mockdock-crud'] = () => startMockdock({ root, dir: writeCrudConfig(path.join(tmp, 'config-crud')), pin, name: 'mockdock, CRUD collection' });
  for (const n of MANY_ROUTE_COUNTS) {
    servers[`mockdock-${n}`] = () => startMockdock({ root, dir: writeManyRoutesConfig(manyDir(n), n), pin, name: `mockdock, ${n} endpoints` });
  }
  // --against DIR: another built checkout of mockdock (e.g. the previous commit), measured beside this one
  if (against) {
    servers['before'] = () => startMockdock({ root: against, dir: writeMainConfig(mainDir), pin, name: 'mockdock (--against build)' });
    servers['before-10000'] = () => startMockdock({ root: against, dir: writeManyRoutesConfig(manyDir(10000), 10000), pin, name: 'mockdock (--against build), 10000 endpoints' });
  }
  const previous = (m) => {
    if (!against) return;
    const server = m.server === 'mockdock' ? 'before' : m.server === 'mockdock-10000' ? 'before-10000' : null;
    if (server) add({ ...m, server, label: `${m.label} [--against build]` });
  };

  const staticReq = { path: STATIC_PATH };
  const staticCheck = { path: STATIC_PATH, verify: sameJson(STATIC_OBJECT) };
  if (want('static')) {
    add({ scenario: 'static', server: 'raw', label: 'node:http (baseline)', request: staticReq, check: staticCheck });
    add({ scenario: 'static', server: 'koa', label: 'koa + @koa/router (baseline)', request: staticReq, check: staticCheck });
    add({ scenario: 'static', server: 'mockdock', label: 'mockdock', request: staticReq, check: staticCheck });
    previous({ scenario: 'static', server: 'mockdock', label: 'mockdock', request: staticReq, check: staticCheck });
  }
  // Right after static on the same server, so the two are measured in the same conditions. Measured last,
  // after post-body, it came out 5-7% below static in three runs although both answer from a plan built
  // once at load.
  if (want('behaviours')) {
    add({ scenario: 'behaviours', server: 'mockdock', label: 'mockdock (failure_rate 0, latency_ms 0)', request: { path: BEHAVIOURS_PATH }, check: { path: BEHAVIOURS_PATH, verify: sameJson(STATIC_OBJECT) } });
  }
  if (want('crud')) {
    // GET by id, spread over the whole collection: the store lookup, the item's ETag and Last-Modified
    const paths = Array.from({ length: 1000 }, (_, i) => `${CRUD_PATH}/${1 + ((i * 7919) % CRUD_SIZE)}`);
    const check = { path: `${CRUD_PATH}/7`, verify: sameJson(crudItem(7)) };
    add({ scenario: 'crud', server: 'mockdock-crud', label: `mockdock (GET by id, ${CRUD_SIZE.toLocaleString('en-US')} items)`, request: { paths }, check });
  }
  const paramReq = { paths: PARAM_PATHS };
  if (want('param')) {
    add({ scenario: 'param', server: 'koa', label: 'koa + @koa/router (baseline)', request: paramReq, check: { path: '/api/users/7', verify: echoesId(true) } });
    add({ scenario: 'param', server: 'mockdock', label: 'mockdock (templated)', request: paramReq, check: { path: '/api/users/7', verify: echoesId(true) } });
    previous({ scenario: 'param', server: 'mockdock', label: 'mockdock (templated)', request: paramReq, check: { path: '/api/users/7', verify: echoesId(true) } });
  }
  if (want('many-routes')) {
    for (const n of MANY_ROUTE_COUNTS) {
      const last = manyRoutePath(n - 1);
      const all = Array.from({ length: n }, (_, i) => manyRoutePath(i));
      const check = { path: last, verify: sameJson({ ...STATIC_OBJECT, id: n - 1 }) };
      add({ scenario: `many-routes ${n}, last`, server: `mockdock-${n}`, label: 'mockdock', request: { path: last }, check });
      add({ scenario: `many-routes ${n}, random`, server: `mockdock-${n}`, label: 'mockdock', request: { paths: all }, check });
      previous({ scenario: `many-routes ${n}, last`, server: `mockdock-${n}`, label: 'mockdock', request: { path: last }, check });
      previous({ scenario: `many-routes ${n}, random`, server: `mockdock-${n}`, label: 'mockdock', request: { paths: all }, check });
    }
    const last = manyRoutePath(999);
    add({
      scenario: 'many-routes 1000, last',
      server: 'koa-1000',
      label: 'koa + @koa/router (baseline)',
      request: { path: last },
      check: { path: last, verify: sameJson({ ...STATIC_OBJECT, id: 999 }) },
    });
  }
  if (want('post-body')) {
    const post = { method: 'POST', path: POST_PATH, body: POST_BODY, headers: JSON_HEADERS };
    add({ scenario: 'post-body', server: 'raw', label: 'node:http (baseline: reads and parses the body)', request: post, check: { ...post, verify: (r) => (r.status === 201 ? null : `status ${r.status}`) } });
    previous({
      scenario: 'post-body',
      server: 'mockdock',
      label: 'mockdock (1 KiB JSON in, 201, logged)',
      request: post,
      check: { ...post, verify: (r) => (r.status === 201 ? null : `status ${r.status}: ${r.body.slice(0, 200)}`) },
    });
    add({
      scenario: 'post-body',
      server: 'mockdock',
      label: 'mockdock (1 KiB JSON in, 201, logged)',
      request: { method: 'POST', path: POST_PATH, body: POST_BODY, headers: JSON_HEADERS },
      check: { method: 'POST', path: POST_PATH, body: POST_BODY, headers: JSON_HEADERS, verify: (r) => (r.status === 201 ? null : `status ${r.status}: ${r.body.slice(0, 200)}`) },
    });
  }


  for (const [name, peer] of Object.entries(peers)) {
    if (!peer.ok) continue;
    const spec = PEERS[name];
    const label = `${name} ${peer.version}`;
    const startPeer = (key, manyRoutes) => async () => {
      const port = await freePort();
      const file = path.join(tmp, `${key}${spec.configFile}`);
      // the port goes to the config too: mountebank's imposter serves on it, apart from its admin port
      spec.writeConfig(path.join(tmp, 'peers'), file, { manyRoutes, port });
      const args = await spec.args(file, port);
      const readyPath = manyRoutes ? manyRoutePath(manyRoutes - 1) : STATIC_PATH;
      return startProcess({ name: manyRoutes ? `${label}, ${manyRoutes.toLocaleString('en-US')} routes` : label, command: process.execPath, args: [peer.binPath, ...args], cwd: tmp, port, readyPath, pin });
    };
    servers[name] = startPeer(name, 0);
    servers[`${name}-1000`] = startPeer(`${name}-1000`, 1000);
    if (want('static')) add({ scenario: 'static', server: name, label, request: staticReq, check: staticCheck });
    if (want('param')) {
      const note = spec.paramNote ?? (spec.paramEchoes ? '' : ' (fixed example, no templating)');
      add({ scenario: 'param', server: name, label: label + note, request: paramReq, check: { path: '/api/users/7', verify: echoesId(spec.paramEchoes) } });
    }
    if (want('many-routes')) {
      const last = manyRoutePath(999);
      add({ scenario: 'many-routes 1000, last', server: `${name}-1000`, label, request: { path: last }, check: { path: last, verify: sameJson({ ...STATIC_OBJECT, id: 999 }) } });
    }
  }
  return { servers, measurements };
}

/** One request through the measured route before loading it, so a wrong answer is not benchmarked. */
export async function checkRoute(base, check) {
  const r = await httpRequest(base + check.path, { method: check.method, body: check.body, headers: check.headers });
  return check.verify(r);
}
