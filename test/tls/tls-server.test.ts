import http2 from 'node:http2';
import https from 'node:https';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import type { RunningServer } from '../../src/server/start-server';
import { configDir, makeClientPki, start, startError, tempDir } from './tls-support';

const ENDPOINTS = `
- path: /api/hello
  response: { hello: "{{headers.host}}" }
- path: /api/closing
  headers: { Connection: close, Keep-Alive: timeout=5 }
  response: still fine
- path: /api/reset
  failure_rate: 1
  failure: { kind: reset }
- path: /api/slow
  failure_rate: 1
  failure: { kind: slow_body, duration_ms: 200 }
  response: { slow: "0123456789" }
- path: /api/echo
  method: POST
  response: "{{body.name}}"
- name: chat
  path: /ws/chat
  websocket:
    on_message:
      - echo: true
`;

interface H2Answer {
  status: number;
  headers: http2.IncomingHttpHeaders;
  body: string;
}

function h2get(session: http2.ClientHttp2Session, p: string, extra: http2.OutgoingHttpHeaders = {}, body?: string): Promise<H2Answer> {
  return new Promise((resolve, reject) => {
    const req = session.request({ ':path': p, ...extra });
    let text = '';
    let head: http2.IncomingHttpHeaders = {};
    req.setEncoding('utf8');
    req.on('response', (h) => (head = h));
    req.on('data', (d: string) => (text += d));
    req.on('end', () => resolve({ status: Number(head[':status']), headers: head, body: text }));
    req.on('error', reject);
    req.end(body);
  });
}

function h1get(url: string, opts: https.RequestOptions): Promise<{ status: number; body: string; alpn: string | false | null }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { agent: false, ...opts }, (res) => {
      const alpn = (res.socket as import('node:tls').TLSSocket).alpnProtocol;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, alpn }));
    });
    req.on('error', reject);
  });
}

describe('TLS with a self-signed certificate (--tls self-signed --tls-out DIR)', () => {
  let server: RunningServer;
  let ca: Buffer;
  let out: string;

  beforeAll(async () => {
    out = tempDir('tls-out');
    server = await start({ config: configDir({ 'api.yaml': ENDPOINTS }), tls: 'self-signed', tlsOut: out });
    ca = readFileSync(path.join(out, 'cert.pem'));
  });
  afterAll(() => server.shutdown('test'));

  it('writes a certificate for localhost, 127.0.0.1 and ::1, and its key, into --tls-out', () => {
    const cert = new X509Certificate(ca);
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(readFileSync(path.join(out, 'key.pem'), 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves HTTP/2 to a client that trusts the written certificate, with Host taken from :authority', async () => {
    const session = http2.connect(`https://localhost:${server.port}`, { ca });
    try {
      const res = await h2get(session, '/api/hello');
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ hello: `localhost:${server.port}` });
      expect(session.alpnProtocol).toBe('h2');
    } finally {
      session.close();
    }
  });

  it('serves HTTP/1.1 on the same port to a client that does not offer h2', async () => {
    const res = await h1get(`https://127.0.0.1:${server.port}/api/hello`, { ca });
    expect(res.status).toBe(200);
    expect(res.alpn).toBe(false);
  });

  it('drops Connection and Keep-Alive headers from HTTP/2 answers instead of failing them', async () => {
    const session = http2.connect(`https://localhost:${server.port}`, { ca });
    try {
      const res = await h2get(session, '/api/closing');
      expect(res.status).toBe(200);
      expect(res.body).toBe('still fine');
      expect(res.headers.connection).toBeUndefined();
      // a refused body answers with Connection: close on HTTP/1.1; over HTTP/2 the 400 still arrives
      const bad = await h2get(session, '/api/echo', { ':method': 'POST', 'content-type': 'application/json' }, '{not json');
      expect(bad.status).toBe(400);
      const ok = await h2get(session, '/api/echo', { ':method': 'POST', 'content-type': 'application/json' }, '{"name":"ada"}');
      expect(ok.body).toBe('ada');
    } finally {
      session.close();
    }
  });

  it('carries out a reset fault as an RST_STREAM of that request only: the connection serves the next request', async () => {
    const session = http2.connect(`https://localhost:${server.port}`, { ca });
    try {
      const failed = await h2get(session, '/api/reset').then(
        () => null,
        (err: NodeJS.ErrnoException) => err,
      );
      expect(failed?.code).toBe('ERR_HTTP2_STREAM_ERROR');
      expect(failed?.message).toMatch(/NGHTTP2_INTERNAL_ERROR/);
      const next = await h2get(session, '/api/hello');
      expect(next.status).toBe(200);
      expect(session.destroyed).toBe(false);
    } finally {
      session.close();
    }
  });

  it('sends a slow_body in pieces over HTTP/2, whole in the end', async () => {
    const session = http2.connect(`https://localhost:${server.port}`, { ca });
    try {
      const arrivals: number[] = [];
      const body = await new Promise<string>((resolve, reject) => {
        const req = session.request({ ':path': '/api/slow' });
        let text = '';
        req.setEncoding('utf8');
        req.on('data', (d: string) => {
          arrivals.push(Date.now());
          text += d;
        });
        req.on('end', () => resolve(text));
        req.on('error', reject);
      });
      expect(JSON.parse(body)).toEqual({ slow: '0123456789' });
      // in several DATA frames, spread over most of the 200 ms
      expect(arrivals.length).toBeGreaterThanOrEqual(5);
      expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeGreaterThanOrEqual(100);
    } finally {
      session.close();
    }
  });

  it('takes a WebSocket upgrade over HTTP/1.1 with TLS', async () => {
    const socket = new WebSocket(`wss://localhost:${server.port}/ws/chat`, { ca });
    const echoed = await new Promise<string>((resolve, reject) => {
      socket.once('open', () => socket.send('hello over tls'));
      socket.once('message', (data) => resolve(String(data)));
      socket.once('error', reject);
    });
    socket.close();
    expect(echoed).toBe('hello over tls');
  });

  it('logs and counts requests over HTTP/2 like any other, without pseudo-headers', async () => {
    const session = http2.connect(`https://localhost:${server.port}`, { ca });
    try {
      await h2get(session, '/api/hello', { 'x-trace': 'h2-log' });
      const logs = JSON.parse((await h2get(session, '/__logs?path=/api/hello')).body) as Array<{ headers: Record<string, string> }>;
      const mine = logs.find((e) => e.headers['x-trace'] === 'h2-log');
      expect(mine?.headers.host).toBe(`localhost:${server.port}`);
      expect(Object.keys(mine?.headers ?? {}).filter((h) => h.startsWith(':'))).toEqual([]);
      const metrics = (await h2get(session, '/metrics')).body;
      expect(metrics).toMatch(/mockdock_requests_total\{[^}]*endpoint="GET \/api\/hello"[^}]*\} [1-9]/);
    } finally {
      session.close();
    }
  });
});

describe('mTLS (--tls-ca)', () => {
  let server: RunningServer;
  let pki: ReturnType<typeof makeClientPki>;
  let ca: Buffer;

  beforeAll(async () => {
    pki = makeClientPki();
    const out = tempDir('tls-out');
    server = await start({ config: configDir({ 'api.yaml': ENDPOINTS }), tls: 'self-signed', tlsOut: out, tlsCa: pki.ca });
    ca = readFileSync(path.join(out, 'cert.pem'));
  });
  afterAll(() => server.shutdown('test'));

  it('serves a client whose certificate the CA signed, and logs its subject', async () => {
    const cert = readFileSync(pki.clientCert);
    const key = readFileSync(pki.clientKey);
    const res = await h1get(`https://127.0.0.1:${server.port}/api/hello`, { ca, cert, key });
    expect(res.status).toBe(200);
    const session = http2.connect(`https://localhost:${server.port}`, { ca, cert, key });
    try {
      expect((await h2get(session, '/api/hello', { 'x-via': 'h2' })).status).toBe(200);
      const logs = JSON.parse((await h2get(session, '/__logs?path=/api/hello')).body) as Array<{ tls_client?: string; headers: Record<string, string> }>;
      expect(logs.length).toBe(2);
      expect(logs.map((e) => e.tls_client)).toEqual(['CN=alice, O=Example', 'CN=alice, O=Example']);
    } finally {
      session.close();
    }
  });

  it('refuses a client without a certificate, and one whose certificate the CA did not sign, at the handshake', async () => {
    await expect(h1get(`https://127.0.0.1:${server.port}/api/hello`, { ca })).rejects.toThrow(/certificate|handshake|socket hang up|ECONNRESET/i);
    const stranger = { ca, cert: readFileSync(pki.strangerCert), key: readFileSync(pki.strangerKey) };
    await expect(h1get(`https://127.0.0.1:${server.port}/api/hello`, stranger)).rejects.toThrow(/certificate|unknown ca|socket hang up|ECONNRESET/i);
  });
});

describe('TLS start-up errors', () => {
  const config = configDir({ 'api.yaml': ENDPOINTS });

  it('name the flag and the file that is missing, not a certificate, or not the key of the certificate', async () => {
    const pki = makeClientPki();
    expect(await startError({ config, tlsCert: path.join(pki.dir, 'none.pem'), tlsKey: pki.clientKey })).toBe(`--tls-cert ${path.join(pki.dir, 'none.pem')}: no such file`);
    expect(await startError({ config, tlsCert: pki.clientKey, tlsKey: pki.clientKey })).toMatch(/^--tls-cert .*alice.key: no PEM certificate in it/);
    expect(await startError({ config, tlsCert: pki.clientCert, tlsKey: pki.strangerKey })).toMatch(/^--tls-key .*mallory.key does not belong to the certificate in --tls-cert .*alice.pem/);
    expect(await startError({ config, tlsCert: pki.clientCert, tlsKey: pki.clientCert })).toMatch(/^--tls-key .*alice.pem: not a readable PEM private key/);
    expect(await startError({ config, tls: 'self-signed', tlsCa: pki.clientKey })).toMatch(/^--tls-ca .*alice.key: no PEM certificate in it/);
  });

  it('refuse flag combinations that cannot work', async () => {
    expect(await startError({ config, tlsCert: 'a.pem' })).toBe('--tls-cert needs --tls-key (its private key)');
    expect(await startError({ config, tls: 'on' })).toMatch(/^--tls takes "self-signed"/);
    expect(await startError({ config, tlsCa: 'ca.pem' })).toMatch(/^--tls-ca \(client certificates\) needs TLS/);
    expect(await startError({ config, tlsOut: 'x' })).toMatch(/^--tls-out is where --tls self-signed writes/);
  });

  it('make a self-signed certificate for the extra names of --tls-names too (a Compose service name)', async () => {
    const out = tempDir('tls-out');
    const server = await start({ config, tls: 'self-signed', tlsOut: out, tlsNames: 'mockdock, 10.0.0.5' });
    try {
      expect(new X509Certificate(readFileSync(path.join(out, 'cert.pem'))).subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:mockdock, IP Address:10.0.0.5');
    } finally {
      await server.shutdown('test');
    }
    expect(await startError({ config, tlsNames: 'mockdock' })).toMatch(/^--tls-names are the extra names of a self-signed certificate/);
  });

  it('serve with a certificate and key from files (--tls-cert, --tls-key)', async () => {
    const pki = makeClientPki();
    // the CA's own certificate serves as a server certificate here; the client trusts it directly
    const server = await start({ config, tlsCert: pki.ca, tlsKey: path.join(pki.dir, 'ca.key') });
    try {
      const res = await h1get(`https://127.0.0.1:${server.port}/api/hello`, { ca: readFileSync(pki.ca), servername: 'Test CA', checkServerIdentity: () => undefined });
      expect(res.status).toBe(200);
    } finally {
      await server.shutdown('test');
    }
  });
});
