/** One corpus document end to end: convert, validate the output as `mockdock validate` does, serve it, call every operation. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { parseText } from '../../../src/openapi/load-spec';
import { generateConfig } from '../../../src/openapi/generate-config';
import { buildEndpointSet } from '../../../src/registry/build-endpoint-set';
import { formatIssue } from '../../../src/errors/config-issue';
import { createTestApp } from '../../helpers/test-app';
import { SpecOracle } from '../support/spec-oracle';
import { corpusDocument, corpusText } from './corpus-documents';
import { RequestBuilder } from './request-builder';
import { checkCorpusAnswer } from './answer-check';

export interface DocumentReport {
  name: string;
  version: string;
  operations: number;
  webhooks: number;
  /** Problems `mockdock validate` finds in the generated config (empty: it validates). */
  configIssues: string[];
  convertMs: number;
  conformant: number;
  failures: string[];
}

function countWebhooks(doc: Record<string, unknown>): number {
  const hooks = doc.webhooks;
  if (typeof hooks !== 'object' || hooks === null) return 0;
  return Object.values(hooks).reduce<number>((n, item) => n + Object.keys(item ?? {}).filter((k) => ['get', 'put', 'post', 'delete', 'patch'].includes(k)).length, 0);
}

export async function runDocument(name: string): Promise<DocumentReport> {
  const doc = corpusDocument(name);
  const version = String(doc.openapi ?? doc.swagger);
  const report: DocumentReport = { name, version, operations: 0, webhooks: countWebhooks(doc), configIssues: [], convertMs: 0, conformant: 0, failures: [] };
  const started = performance.now();
  const parsed = parseText(corpusText(name));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.message}`);
  const generated = generateConfig(parsed.doc, { source: name, fileName: 'openapi.yaml' });
  report.convertMs = Math.round(performance.now() - started);
  if (generated.errors.length > 0) {
    report.configIssues = generated.errors.map((e) => `${e.pointer}: ${e.message}`);
    return report;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mockdock-corpus-'));
  try {
    for (const f of generated.files) await writeFile(path.join(dir, f.name), f.content);
    const built = await buildEndpointSet(dir, { seed: 0 });
    if (!built.ok) {
      report.configIssues = built.issues.map(formatIssue);
      return report;
    }
    const builder = new RequestBuilder(doc);
    const operations = builder.operations();
    report.operations = operations.length;
    const oracle = new SpecOracle(doc, version.startsWith('3.1'));
    const { app, log, close } = await createTestApp({ config: dir, seed: 7 });
    try {
      const agent = supertest(app.callback());
      for (const op of operations) {
        const method = op.method.toLowerCase() as 'get';
        let call = agent[method](op.request.url);
        for (const [k, v] of Object.entries(op.request.headers)) call = call.set(k, v);
        if (op.request.body !== undefined) call = call.send(op.request.body.toString('utf8'));
        const res = await call.buffer(true).parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
        });
        const label = `${op.method} ${op.pathKey}`;
        const problems = checkCorpusAnswer(doc, op, { status: res.status, contentType: res.headers['content-type'], text: typeof res.body === 'string' ? res.body : '' }, oracle);
        const answeredBy = log.query({ limit: 1 })[0]?.endpoint ?? null;
        const expected = op.operationId ?? label;
        // a pinned group's templated fallback (`NAME [any param]`) is the same operation
        if (answeredBy === null || answeredBy.replace(/ #\d+$/, '').replace(/ \[any [^\]]+\]$/, '').replace(/ #\d+$/, '') !== expected) problems.push(`answered by ${answeredBy}, not ${expected}`);
        if (problems.length === 0) report.conformant++;
        else report.failures.push(`${label} (${op.request.url}): ${problems.join('; ')}`);
      }
    } finally {
      await close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return report;
}
