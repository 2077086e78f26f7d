import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { request } from 'undici';
import { configFolder, serve, type Served } from './support';

// A self-signed certificate for 127.0.0.1 (test/fixtures/tls, made once with openssl, valid for a century): its own CA.
const TLS = path.join(__dirname, '../fixtures/tls');
const cert = readFileSync(path.join(TLS, 'upstream-cert.pem'));
const key = readFileSync(path.join(TLS, 'upstream-key.pem'));

describe('an https upstream', () => {
  let upstream: https.Server;
  let folder: ReturnType<typeof configFolder>;
  let mock: Served;

  beforeAll(async () => {
    upstream = https.createServer({ key, cert }, (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`secure ${req.url}`);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    folder = configFolder({
      'certs/upstream-ca.pem': cert,
      'api.yaml': [
        `- path: /trusted/*\n  proxy: { url: "${url}", ca_file: certs/upstream-ca.pem }`,
        `- path: /unknown/*\n  proxy: ${url}`,
        `- path: /insecure/*\n  proxy: { url: "${url}", insecure: true }`,
      ].join('\n'),
    });
    mock = await serve({ config: folder.dir });
  });

  afterAll(async () => {
    await mock.stop();
    upstream.closeAllConnections();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
    folder.cleanup();
  });

  it('is trusted when ca_file names its CA', async () => {
    const res = await request(`${mock.url}/trusted/x`);
    expect({ status: res.statusCode, text: await res.body.text() }).toEqual({ status: 200, text: 'secure /trusted/x' });
  });

  it('is refused with 502 when its certificate cannot be verified', async () => {
    const res = await request(`${mock.url}/unknown/x`);
    expect(res.statusCode).toBe(502);
    expect(((await res.body.json()) as { error: string }).error).toMatch(/certificate/i);
  });

  it('is used without checks only with insecure: true', async () => {
    const res = await request(`${mock.url}/insecure/x`);
    expect({ status: res.statusCode, text: await res.body.text() }).toEqual({ status: 200, text: 'secure /insecure/x' });
  });
});
