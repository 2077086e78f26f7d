import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import path from 'node:path';
import { promisify } from 'node:util';
import { runCli, serveOnLoopback, type CliProcess } from '../e2e/cli-process';
import { configDir, makeClientPki, tempDir } from './tls-support';

const run = promisify(execFile);

const ENDPOINTS = `
- path: /api/hello
  response: { hello: world }
- path: /api/reset
  failure_rate: 1
  failure: { kind: reset }
`;

/** Runs a command; resolves with its exit code and output whether it succeeds or not. */
async function sh(cmd: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const p = run(cmd, args, { timeout: 10_000 });
    if (input !== undefined) p.child.stdin?.end(input);
    const { stdout, stderr } = await p;
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the built CLI with --tls self-signed --tls-out DIR', () => {
  let proc: CliProcess & { url: string };
  let out: string;
  let port: string;
  let cert: string;

  beforeAll(async () => {
    out = tempDir('tls-cli');
    proc = await serveOnLoopback(['--config', configDir({ 'api.yaml': ENDPOINTS }), '--no-watch', '--tls', 'self-signed', '--tls-out', out]);
    port = new URL(proc.url).port;
    cert = path.join(out, 'cert.pem');
  });
  afterAll(() => proc?.stop());

  it('announces an https URL and where the certificate went', async () => {
    const line = JSON.parse(proc.stdout().split('\n').find((l) => l.includes('mockdock listening'))!);
    expect(line).toMatchObject({ url: `https://127.0.0.1:${port}`, tls_cert: cert, tls_key: path.join(out, 'key.pem') });
  });

  it('answers curl over HTTP/2 and over HTTP/1.1, trusting the written certificate', async () => {
    const version = await sh('curl', ['-V']);
    expect(version.stdout).toMatch(/HTTP2/);
    const h2 = await sh('curl', ['-sS', '--http2', '--cacert', cert, `https://localhost:${port}/api/hello`, '-w', '\n%{http_version}']);
    expect(h2.stdout).toBe('{"hello":"world"}\n2');
    const h1 = await sh('curl', ['-sS', '--http1.1', '--cacert', cert, `https://127.0.0.1:${port}/api/hello`, '-w', '\n%{http_version}']);
    expect(h1.stdout).toBe('{"hello":"world"}\n1.1');
  });

  it('answers Node\'s http2 client trusting the written certificate', async () => {
    const session = http2.connect(`https://localhost:${port}`, { ca: readFileSync(cert) });
    const body = await new Promise<string>((resolve, reject) => {
      const req = session.request({ ':path': '/api/hello' });
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (d: string) => (text += d));
      req.on('end', () => resolve(text));
      req.on('error', reject);
    });
    session.close();
    expect(body).toBe('{"hello":"world"}');
  });

  it('shows openssl s_client the chain and ALPN h2', async () => {
    const res = await sh('openssl', ['s_client', '-alpn', 'h2', '-connect', `127.0.0.1:${port}`, '-CAfile', cert, '-servername', 'localhost'], '');
    expect(res.stdout).toMatch(/Certificate chain\n 0 s:CN ?= ?localhost, O ?= ?mockdock/);
    expect(res.stdout).toContain('ALPN protocol: h2');
    expect(res.stdout).toMatch(/Verify return code: 0 \(ok\)/);
  });

  it('makes a reset fault a stream reset that curl reports, over HTTP/2', async () => {
    const res = await sh('curl', ['-sS', '--http2', '--cacert', cert, `https://localhost:${port}/api/reset`]);
    expect(res.code).toBe(92);
    expect(res.stderr).toMatch(/INTERNAL_ERROR/);
  });
});

describe('the built CLI with mTLS (--tls-ca)', () => {
  it('serves curl with a client certificate the CA signed and refuses curl without one', async () => {
    const pki = makeClientPki();
    const out = tempDir('tls-cli');
    const proc = await serveOnLoopback(['--config', configDir({ 'api.yaml': ENDPOINTS }), '--no-watch', '--tls', 'self-signed', '--tls-out', out, '--tls-ca', pki.ca]);
    try {
      const cert = path.join(out, 'cert.pem');
      const url = proc.url.replace('127.0.0.1', 'localhost');
      const ok = await sh('curl', ['-sS', '--http2', '--cacert', cert, '--cert', pki.clientCert, '--key', pki.clientKey, `${url}/api/hello`]);
      expect(ok.stdout).toBe('{"hello":"world"}');
      const refused = await sh('curl', ['-sS', '--http2', '--cacert', cert, `${url}/api/hello`]);
      expect(refused.code).not.toBe(0);
      const logs = await sh('curl', ['-sS', '--cacert', cert, '--cert', pki.clientCert, '--key', pki.clientKey, `${url}/__logs`]);
      expect(JSON.parse(logs.stdout)).toEqual([expect.objectContaining({ path: '/api/hello', tls_client: 'CN=alice, O=Example' })]);
    } finally {
      await proc.stop();
    }
  });

  it('stops at start with the flag and file named when the CA file is missing', async () => {
    const proc = runCli(['serve', '--port', '0', '--host', '127.0.0.1', '--config', configDir({ 'api.yaml': ENDPOINTS }), '--tls', 'self-signed', '--tls-out', tempDir('tls-cli'), '--tls-ca', '/nonexistent/ca.pem']);
    const { code } = await proc.exited;
    expect(code).toBe(1);
    expect(proc.stderr()).toBe('mockdock: --tls-ca /nonexistent/ca.pem: no such file\n');
  });
});
