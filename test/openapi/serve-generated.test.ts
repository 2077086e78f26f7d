/** End to end: generated config is served by the real app, and every endpoint answers as the spec documents. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { serveAndCall } from './support/serve-and-call';

const repoRoot = path.resolve(__dirname, '../..');
const own = path.join(repoRoot, 'test/fixtures/openapi');
const sharedDir = path.resolve(repoRoot, '../shared/data/openapi');
const shared = existsSync(sharedDir) ? readdirSync(sharedDir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort() : [];

const OWN = ['pet-shop.yaml', 'swagger2-store.json', 'openapi31.yaml', 'multi-file/openapi.yaml', 'webhooks-only.yaml'];

if (shared.length === 0) {
  console.warn(
    `Real-world OpenAPI documents not found at ${sharedDir}: only the fixtures in test/fixtures/openapi are served and checked.`,
  );
}

describe.each(['first', 'all'] as const)('with --examples %s', (examples) => {
  test.each(OWN)('every endpoint generated from %s answers with a documented status, content type and body', async (name) => {
    const report = await serveAndCall(path.join(own, name), examples);
    expect(report.failures).toEqual([]);
    expect(report.offSchemaExamples).toEqual([]);
  });

  if (shared.length > 0) {
    test.each(shared)('every endpoint generated from the real-world %s answers as its spec documents', async (name) => {
      const report = await serveAndCall(path.join(sharedDir, name), examples);
      expect(report.failures).toEqual([]);
    }, 120_000);
  }
});
