// --compare: installs other mock servers into a temp folder with npm and runs them on the same routes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort } from './processes.mjs';
import { PARAM_OBJECT, STATIC_OBJECT, STATIC_PATH, manyRoutePath } from './workload.mjs';

/** The ids the param scenario requests (/api/users/1 … /api/users/1000; see PARAM_PATHS in plan.mjs). */
const PARAM_IDS = 1000;

/**
 * Each peer: the npm package, a version to fall back on when the newest needs a newer Node than this one,
 * the extension of its config file, how to write that config (it is told the port it will serve on),
 * and its command line (`args` may return a promise).
 */
export const PEERS = {
  mockoon: {
    pkg: '@mockoon/cli',
    fallback: '9.9.0',
    bin: 'mockoon-cli',
    configFile: '.mockoon.json',
    paramEchoes: true,
    writeConfig: writeMockoon,
    args: (file, port) => ['start', '-d', file, '-p', String(port), '-l', '127.0.0.1', '-X', '--disable-admin-api'],
  },
  prism: {
    pkg: '@stoplight/prism-cli',
    fallback: '5.14.2',
    bin: 'prism',
    configFile: '.openapi.json',
    paramEchoes: false, // prism answers the documented example; it has no templating
    writeConfig: writeOpenApi,
    args: (file, port) => ['mock', file, '-p', String(port), '-h', '127.0.0.1', '--cors', 'false', '-v', 'warn'],
  },
  mountebank: {
    pkg: 'mountebank',
    fallback: '2.9.1',
    bin: 'mb',
    configFile: '.imposters.json',
    paramEchoes: false, // templating would need --allowInjection (JavaScript per request): the fixed example instead
    writeConfig: writeMountebank,
    // The imposter serves on the bench's port (written into the config); the admin API needs a port of its own.
    // Lowest log level and no log file so logging costs as little as mountebank allows; --noParse skips EJS.
    args: async (file, port) => [
      'start',
      '--configfile', file,
      '--noParse',
      '--port', String(await freePort()),
      '--host', '127.0.0.1',
      '--pidfile', `${file}.pid`,
      '--nologfile',
      '--loglevel', 'error',
    ],
  },
  'json-server': {
    pkg: 'json-server',
    fallback: '0.17.4', // the 0.17 line: its --routes rewriter maps the bench's paths (1.x pre-releases dropped it)
    bin: 'json-server',
    configFile: '.db.json',
    // Not templated: /api/users/N selects the stored record with id "N" (all requested ids are stored).
    paramEchoes: true,
    paramNote: ' (stored records, no templating)',
    writeConfig: writeJsonServer,
    // --quiet: no request log; CORS and gzip off, as for the others (prism runs with --cors false).
    args: (file, port) => [file, '--routes', jsonServerRoutesFile(file), '--host', '127.0.0.1', '--port', String(port), '--quiet', '--no-cors', '--no-gzip'],
  },
};

function nodeSatisfies(range) {
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec((range ?? '').trim());
  if (!m) return true; // only plain ">=x.y.z" ranges are checked; anything else is tried as it is
  const want = [m[1], m[2] ?? 0, m[3] ?? 0].map(Number);
  const have = process.versions.node.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (have[i] !== want[i]) return have[i] > want[i];
  return true;
}

/** The newest version whose engines.node this Node satisfies, else the known-good fallback. */
function pickVersion(peer) {
  const r = spawnSync('npm', ['view', `${peer.pkg}@latest`, 'version', 'engines', '--json'], { encoding: 'utf8' });
  if (r.status !== 0) return peer.fallback;
  try {
    const info = JSON.parse(r.stdout);
    return nodeSatisfies(info.engines?.node) ? info.version : peer.fallback;
  } catch {
    return peer.fallback;
  }
}

/** Installs the named peers into `dir`; returns {name: {ok, version, binPath} | {ok: false, reason}}. */
export function installPeers(names, dir, log) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  const out = {};
  for (const name of names) {
    const peer = PEERS[name];
    if (!peer) {
      out[name] = { ok: false, reason: `unknown peer "${name}" (known: ${Object.keys(PEERS).join(', ')})` };
      continue;
    }
    const version = pickVersion(peer);
    log(`installing ${peer.pkg}@${version} into ${dir} …`);
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `${peer.pkg}@${version}`], { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) {
      out[name] = { ok: false, reason: `npm install ${peer.pkg}@${version} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}` };
      continue;
    }
    const pkgJson = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', peer.pkg, 'package.json'), 'utf8'));
    const rel = typeof pkgJson.bin === 'string' ? pkgJson.bin : pkgJson.bin?.[peer.bin];
    out[name] = { ok: true, version: pkgJson.version, binPath: path.join(dir, 'node_modules', peer.pkg, rel) };
  }
  return out;
}

/** Mockoon's own data file, built with the installed @mockoon/commons so it needs no migration. */
function writeMockoon(dir, file, { manyRoutes }) {
  const require = createRequire(path.join(dir, 'package.json'));
  const commons = require('@mockoon/commons');
  const env = commons.BuildEnvironment({ hasDefaultRoute: false, hasContentTypeHeader: true, hasCorsHeaders: false });
  const add = (endpoint, body) => {
    const route = commons.BuildHTTPRoute(true, { endpoint: endpoint.replace(/^\//, ''), body });
    env.routes.push(route);
    env.rootChildren.push({ type: 'route', uuid: route.uuid });
  };
  env.name = 'bench';
  if (manyRoutes) {
    for (let i = 0; i < manyRoutes; i++) add(manyRoutePath(i), JSON.stringify({ ...STATIC_OBJECT, id: i }));
  } else {
    add(STATIC_PATH, JSON.stringify(STATIC_OBJECT));
    add('/api/users/:id', JSON.stringify({ ...PARAM_OBJECT, id: "{{urlParam 'id'}}" }));
  }
  fs.writeFileSync(file, JSON.stringify(env));
}

function okJson(example) {
  return { 200: { description: 'ok', content: { 'application/json': { example } } } };
}

/** An OpenAPI 3 document whose examples are the same bodies. */
function writeOpenApi(_dir, file, { manyRoutes }) {
  const paths = {};
  if (manyRoutes) {
    for (let i = 0; i < manyRoutes; i++) paths[manyRoutePath(i)] = { get: { responses: okJson({ ...STATIC_OBJECT, id: i }) } };
  } else {
    paths[STATIC_PATH] = { get: { responses: okJson(STATIC_OBJECT) } };
    paths['/api/users/{id}'] = {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: okJson({ ...PARAM_OBJECT, id: '42' }),
      },
    };
  }
  fs.writeFileSync(file, JSON.stringify({ openapi: '3.0.3', info: { title: 'bench', version: '1' }, paths }));
}

/**
 * One mountebank imposter on the bench's port. Without a Connection header mountebank answers
 * "Connection: close"; every other server here keeps connections alive, so the stubs ask for keep-alive.
 */
function writeMountebank(_dir, file, { manyRoutes, port }) {
  const headers = { 'content-type': 'application/json', connection: 'keep-alive' };
  const stub = (predicates, body) => ({ predicates, responses: [{ is: { statusCode: 200, headers, body } }] });
  const stubs = [];
  if (manyRoutes) {
    for (let i = 0; i < manyRoutes; i++) stubs.push(stub([{ equals: { method: 'GET', path: manyRoutePath(i) } }], { ...STATIC_OBJECT, id: i }));
  } else {
    stubs.push(stub([{ equals: { method: 'GET', path: STATIC_PATH } }], STATIC_OBJECT));
    stubs.push(stub([{ equals: { method: 'GET' } }, { matches: { path: '^/api/users/[^/]+$' } }], { ...PARAM_OBJECT, id: '42' }));
  }
  fs.writeFileSync(file, JSON.stringify({ imposters: [{ protocol: 'http', port, host: '127.0.0.1', stubs }] }));
}

function jsonServerRoutesFile(file) {
  return file.replace(/\.db\.json$/, '.routes.json');
}

/**
 * json-server serves the resources of a db file: an object key answers GET /key with the object as it is,
 * an array key answers GET /key/:id with the stored item. Its --routes rewriter maps the bench's paths on them.
 */
function writeJsonServer(_dir, file, { manyRoutes }) {
  const db = {};
  let routes;
  if (manyRoutes) {
    for (let i = 0; i < manyRoutes; i++) db[`resource-${i}`] = { ...STATIC_OBJECT, id: i };
    routes = { '/api/:name/items': '/:name' }; // /api/resource-<i>/items → /resource-<i>
  } else {
    db[STATIC_PATH.replace(/^\/api\//, '')] = STATIC_OBJECT;
    db.users = Array.from({ length: PARAM_IDS }, (_, i) => ({ ...PARAM_OBJECT, id: String(i + 1) }));
    routes = { '/api/*': '/$1' }; // /api/static → /static, /api/users/7 → /users/7
  }
  fs.writeFileSync(file, JSON.stringify(db));
  fs.writeFileSync(jsonServerRoutesFile(file), JSON.stringify(routes));
}
