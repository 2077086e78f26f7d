/** Generates config from a document, serves it with the real app, calls every endpoint and checks each answer against the spec. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import SwaggerParser from '@apidevtools/swagger-parser';
import { loadSpec } from '../../../src/openapi/load-spec';
import { planConfig, renderPlan } from '../../../src/openapi/generate-config';
import { createTestApp } from '../../helpers/test-app';
import { SpecOracle } from './spec-oracle';
import { requestFor } from './request-for';
import { checkAnswer } from './check-answer';

export interface CallReport {
  endpoints: number;
  failures: string[];
  /** Endpoints answering with a documented example that the spec's own schema rejects. */
  offSchemaExamples: string[];
}

/** `[code=404, example=Gone]` at the end of a variant's name is what its Prefer header asks for; `[accept=T]` its Accept header. */
function variantHeaders(name: string): Record<string, string> {
  const m = / \[([^\]]+)\]$/.exec(name);
  if (!m) return {};
  return m[1].startsWith('accept=') ? { Accept: m[1].slice('accept='.length) } : { Prefer: m[1] };
}

export async function serveAndCall(file: string, examples: 'first' | 'all'): Promise<CallReport> {
  const loaded = await loadSpec(file);
  if (!loaded.ok) throw new Error(`cannot load ${file}: ${JSON.stringify(loaded.problems)}`);
  const { doc, rootPath, externals } = loaded.spec;
  const planned = planConfig(doc, { examples, rootPath, externals });
  if (!planned.ok) throw new Error(`cannot convert ${file}: ${JSON.stringify(planned.errors)}`);
  const { plan } = planned;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mockdock-openapi-'));
  const report: CallReport = { endpoints: 0, failures: [], offSchemaExamples: [] };
  try {
    for (const f of renderPlan(plan, { fileName: 'openapi.yaml' })) await writeFile(path.join(dir, f.name), f.content);
    const oracleDoc = externals.size > 0 ? await SwaggerParser.bundle(file) : doc;
    const oracle = new SpecOracle(oracleDoc, plan.summary.version === '3.1');
    const { app, close } = await createTestApp({ config: dir, seed: 7 });
    try {
      const agent = supertest(app.callback());
      for (const block of plan.blocks) {
        for (const def of block.endpoints) {
          report.endpoints++;
          const req = requestFor(block.op, def, plan.converter);
          const method = req.method.toLowerCase() as 'get';
          let call = agent[method](req.url);
          for (const [k, v] of Object.entries(req.headers)) call = call.set(k, v);
          const asked = variantHeaders(def.name ?? '');
          for (const [k, v] of Object.entries(asked)) call = call.set(k, v);
          if (req.body !== undefined) call = call.send(JSON.stringify(req.body));
          const res = await call.buffer(true).parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
          });
          const verdict = checkAnswer(
            block.op,
            def.status ?? 200,
            { status: res.status, contentType: res.headers['content-type'], text: res.body as string },
            oracle,
            oracleDoc,
            plan.summary.version,
          );
          const label = `${def.name} (${req.method} ${req.url}${Object.entries(asked).map(([k, v]) => `, ${k}: ${v}`).join('')})`;
          for (const p of verdict.problems) report.failures.push(`${label}: ${p}`);
          if (verdict.offSchemaExample) report.offSchemaExamples.push(label);
        }
      }
    } finally {
      await close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return report;
}
