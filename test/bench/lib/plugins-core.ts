// Bundled by bench:plugins (esbuild) and run in-process: ns per handleRequest for a static endpoint, with and
// without a no-op onRequest plugin, free of HTTP and load-generator noise.
import fs from 'node:fs';
import path from 'node:path';
import { buildEndpointSet } from '../../../src/registry/build-endpoint-set';
import { handleRequest } from '../../../src/engine/handle-request';
import type { EndpointSet } from '../../../src/engine/endpoint-set';

const SILENT = { info() {}, warn() {}, error() {} };

async function setFor(dir: string): Promise<EndpointSet> {
  const built = await buildEndpointSet(dir, { seed: 1, plugins: { allow: true, timeoutMs: 5000, logger: SILENT } });
  if (!built.ok) throw new Error(`bench config is invalid: ${JSON.stringify(built.issues)}`);
  return built.set;
}

function nsPerRequest(set: EndpointSet, n: number): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const req = { method: 'GET', path: '/api/static', query: {}, headers: { host: '127.0.0.1', 'user-agent': 'bench', accept: '*/*' }, body: undefined, ip: '127.0.0.1', target: '/api/static' };
    handleRequest(set, req, 0);
  }
  return Number(process.hrtime.bigint() - started) / n;
}

/** Medians over `rounds` interleaved rounds of `n` requests each: {plain, plugin} in ns per request. */
export async function coreCost(plainDir: string, pluginDir: string, rounds = 7, n = 200_000): Promise<{ plain: number; plugin: number }> {
  if (!fs.existsSync(path.join(pluginDir, 'mockdock.yaml'))) throw new Error('the plugin config has no mockdock.yaml');
  const plain = await setFor(plainDir);
  const plugin = await setFor(pluginDir);
  nsPerRequest(plain, n);
  nsPerRequest(plugin, n);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(nsPerRequest(plain, n));
    b.push(nsPerRequest(plugin, n));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return { plain: median(a), plugin: median(b) };
}
