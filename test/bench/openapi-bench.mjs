// `node test/bench/openapi-bench.mjs [--ops N] [--runs N]`: builds an N-operation (default 1,000) OpenAPI
// document and times `mockdock openapi` on it with the built CLI (run `npm run build` first), then the
// largest real documents of the corpus (Vault's 1,049 operations, OpenAI's 288). A benchmark, not a test.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { builtCli } from './lib/flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const corpus = path.join(root, 'test', 'fixtures', 'openapi-corpus');
const REAL = ['vault.json', 'openai.json', 'jira.json'];

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/**
 * Each resource gives 5 operations (list, create, read, replace, delete) over shared components
 * with refs, allOf, enums, nullable, a recursive schema, named examples and error responses,
 * so the conversion does the work a real spec asks for.
 */
function buildSpec(ops) {
  const resources = Math.ceil(ops / 5);
  const paths = {};
  const schemas = {
    Error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'integer' }, message: { type: 'string' } } },
    Audit: { type: 'object', properties: { createdAt: { type: 'string', format: 'date-time' }, by: { type: 'string', format: 'email' } } },
    Node: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } },
  };
  let count = 0;
  const error = (code) => ({ description: `error ${code}`, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, examples: { Sample: { value: { code, message: 'sample' } } } } } });
  for (let r = 0; r < resources && count < ops; r++) {
    const name = `Thing${r}`;
    schemas[`${name}Input`] = {
      type: 'object',
      required: ['name', 'kind'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 80, pattern: '^[A-Za-z][A-Za-z0-9 ]*$' },
        kind: { type: 'string', enum: ['a', 'b', 'c'] },
        size: { type: 'integer', minimum: 0, maximum: 1000 },
        note: { type: 'string', nullable: true },
        tree: { $ref: '#/components/schemas/Node' },
      },
    };
    schemas[name] = { allOf: [{ $ref: `#/components/schemas/${name}Input` }, { type: 'object', required: ['id'], properties: { id: { type: 'integer', format: 'int64', readOnly: true }, audit: { $ref: '#/components/schemas/Audit' } } }] };
    const item = { $ref: `#/components/schemas/${name}` };
    const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
    const collection = {};
    const single = { parameters: [id] };
    const add = (target, method, op) => { if (count < ops) { target[method] = op; count++; } };
    add(collection, 'get', {
      operationId: `list${name}`, tags: [`group${r % 20}`],
      parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } }, { name: 'kind', in: 'query', required: true, schema: { type: 'string', enum: ['a', 'b', 'c'] } }],
      responses: { 200: { description: 'list', content: { 'application/json': { schema: { type: 'array', items: item } } } }, 400: error(400) },
    });
    add(collection, 'post', {
      operationId: `create${name}`, tags: [`group${r % 20}`],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}Input` } } } },
      responses: { 201: { description: 'created', content: { 'application/json': { schema: item, examples: { First: { value: { id: 1, name: 'First', kind: 'a' } }, Second: { value: { id: 2, name: 'Second', kind: 'b' } } } } } }, 422: error(422) },
    });
    add(single, 'get', { operationId: `get${name}`, responses: { 200: { description: 'one', content: { 'application/json': { schema: item } } }, 404: error(404) } });
    add(single, 'put', {
      operationId: `replace${name}`,
      requestBody: { content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}Input` } } } },
      responses: { 200: { description: 'replaced', content: { 'application/json': { schema: item } } }, 404: error(404) },
    });
    add(single, 'delete', { operationId: `delete${name}`, responses: { 204: { description: 'gone' }, 404: error(404) } });
    paths[`/things${r}`] = collection;
    if (Object.keys(single).length > 1) paths[`/things${r}/{id}`] = single;
  }
  return { openapi: '3.0.3', info: { title: `Benchmark API (${count} operations)`, version: '1.0.0' }, servers: [{ url: '/api' }], paths, components: { schemas } };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main() {
  builtCli();
  const ops = arg('--ops', 1000);
  const runs = arg('--runs', 5);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-openapi-bench-'));
  try {
    const spec = path.join(tmp, 'bench.json');
    fs.writeFileSync(spec, JSON.stringify(buildSpec(ops)));
    console.log(`# mockdock openapi: ${ops} operations (${(fs.statSync(spec).size / 1024).toFixed(0)} KiB spec), median of ${runs} runs, node ${process.version}\n`);
    console.log('| options | wall time (ms) | output | endpoints |');
    console.log('|---|---:|---:|---:|');
    for (const extra of [[], ['--examples', 'all']]) {
      const out = path.join(tmp, 'out.yaml');
      const times = [];
      for (let i = 0; i < runs; i++) {
        const started = process.hrtime.bigint();
        const run = spawnSync(process.execPath, [cli, 'openapi', spec, '-o', out, ...extra], { encoding: 'utf8' });
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (run.status !== 0) throw new Error(`mockdock openapi failed (${run.status}): ${run.stderr}`);
      }
      const text = fs.readFileSync(out, 'utf8');
      const endpoints = (text.match(/^ {2}- name: /gm) ?? []).length;
      const label = extra.length ? extra.join(' ') : '(defaults)';
      console.log(`| ${label} | ${median(times).toFixed(0)} | ${(text.length / 1024).toFixed(0)} KiB | ${endpoints} |`);
    }
    console.log('\n| real document | operations | wall time (ms) | endpoints |');
    console.log('|---|---:|---:|---:|');
    for (const name of REAL) {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, gunzipSync(fs.readFileSync(path.join(corpus, `${name}.gz`))));
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      const operations = Object.values(doc.paths).reduce((n, item) => n + ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].filter((m) => item[m]).length, 0);
      const out = path.join(tmp, 'out.yaml');
      const times = [];
      for (let i = 0; i < runs; i++) {
        const started = process.hrtime.bigint();
        const run = spawnSync(process.execPath, [cli, 'openapi', file, '-o', out], { encoding: 'utf8' });
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (run.status !== 0) throw new Error(`mockdock openapi ${name} failed (${run.status}): ${run.stderr}`);
      }
      const endpoints = (fs.readFileSync(out, 'utf8').match(/^ {2}- name: /gm) ?? []).length;
      console.log(`| ${name} | ${operations} | ${median(times).toFixed(0)} | ${endpoints} |`);
    }
    console.log(`\nWall time includes starting node and loading the CLI bundle; load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs.`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
