/** The direct JSON body path keeps co-body's rules: BOM dropped, any JSON value, poisoning refused, compressed bodies through co-body. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import { createTestApp } from '../helpers/test-app';

const config = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-read-body-'));
fs.writeFileSync(
  path.join(config, 'api.yaml'),
  `- path: /echo
  method: POST
  response: { got: "{{json body}}", name: "{{body.name}}" }
`,
);

async function post(body: string | Buffer, headers: Record<string, string>) {
  const t = await createTestApp({ config, bodyLimit: '64b' });
  let req = request(t.app.callback()).post('/echo');
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  // sent as the bytes given, not serialised again by the client
  return { res: await req.serialize((b: unknown) => b as string).send(body as string), log: t.log };
}

describe('reading a JSON request body', () => {
  it('drops a UTF-8 byte order mark and reads multi-byte characters whole', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"Zoë 東京"}')]);
    const { res } = await post(body, { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Zoë 東京');
  });

  it('accepts any JSON value at the top level, as co-body does with strict off', async () => {
    const { res } = await post('"just a string"', { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    expect(res.body.got).toContain('just a string');
  });

  it('refuses a body that tries to set an object prototype, with a 400', async () => {
    const { res } = await post('{"__proto__":{"admin":true}}', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/prototype/);
  });

  it('answers malformed JSON with a 400 that says so', async () => {
    const { res } = await post('{"name":', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^malformed JSON body/);
  });

  it('answers a body over the limit with a 413 naming the limit', async () => {
    const { res } = await post(JSON.stringify({ name: 'x'.repeat(100) }), { 'content-type': 'application/json' });
    expect(res.status).toBe(413);
    expect(res.body.error).toContain('64b');
  });

  it('still reads a gzip-compressed JSON body (the general path)', async () => {
    const { res } = await post(zlib.gzipSync('{"name":"packed"}'), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(res.body.name).toBe('packed');
  });

  it('logs the body as it was received', async () => {
    const { log } = await post('{"name":"Ann"}', { 'content-type': 'application/json' });
    const [entry] = log.query({ limit: 1 });
    expect(entry.body).toEqual({ name: 'Ann' });
  });
});
