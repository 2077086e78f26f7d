import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import YAML from 'yaml';
import { corpusDocument } from './corpus-documents';
import { RequestBuilder } from './request-builder';
import { generateConfig } from '../../../src/openapi/generate-config';
import { createTestApp } from '../../helpers/test-app';
test('dbg', async () => {
  const doc = corpusDocument(process.env.DOC!);
  const g = generateConfig(doc, {});
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dbg-'));
  await writeFile(path.join(dir, 'a.yaml'), g.files[0].content);
  const eps = (YAML.parse(g.files[0].content) as { endpoints: Array<{ path: string; method: string }> }).endpoints;
  const { app, log } = await createTestApp({ config: dir });
  const b = new RequestBuilder(doc);
  for (const op of b.operations().filter((o) => o.pathKey === process.env.OP)) {
    console.log(op.method, op.request.url, op.request.headers, op.request.body?.toString().slice(0, 600));
    console.log(JSON.stringify(eps.find((e) => e.method === op.method && e.path.endsWith(op.pathKey.replace(/\{/g, ':').replace(/\}/g, ''))), null, 1).slice(0, 1500));
    let call = supertest(app.callback())[op.method.toLowerCase() as 'post'](op.request.url);
    for (const [k, v] of Object.entries(op.request.headers)) call = call.set(k, v);
    if (op.request.body) call = call.send(op.request.body);
    const res = await call;
    console.log(res.status, res.text.slice(0, 500), JSON.stringify(log.query({ limit: 1 })[0]).slice(0, 500));
  }
});
