import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { serveOnLoopback, type CliProcess } from './cli-process';

const fixture = path.join(__dirname, '../fixtures/e2e-faults');

function rawGet(url: string, route: string): Promise<{ data: string; outcome: 'end' | 'error'; code?: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`GET ${route} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('error', (err: NodeJS.ErrnoException) => resolve({ data, outcome: 'error', code: err.code }));
    socket.on('end', () => resolve({ data, outcome: 'end' }));
  });
}

describe('failure kinds, seen from a real client', () => {
  let proc: CliProcess & { url: string };
  beforeAll(async () => {
    proc = await serveOnLoopback(['--config', fixture, '--no-watch', '--seed', '1']);
  });
  afterAll(async () => {
    await proc.stop();
  });

  it('reset: the client sees ECONNRESET', async () => {
    const r = await rawGet(proc.url, '/reset');
    expect(r).toMatchObject({ outcome: 'error', code: 'ECONNRESET', data: '' });
  });

  it('empty: the connection closes without a byte of response', async () => {
    const r = await rawGet(proc.url, '/empty');
    expect(r).toEqual({ outcome: 'end', data: '' });
  });

  it('timeout: no answer arrives; the client gives up', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = http.get(`${proc.url}/timeout`, { timeout: 300 }, () => resolve('answered'));
      req.on('timeout', () => {
        req.destroy();
        resolve('client timed out');
      });
      req.on('error', () => undefined);
    });
    expect(outcome).toBe('client timed out');
  });

  it('malformed: status line and headers arrive, then a body the client cannot parse', async () => {
    const raw = await rawGet(proc.url, '/malformed');
    expect(raw.data).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(raw.data).toMatch(/Transfer-Encoding: chunked/i);
    const err = await new Promise<NodeJS.ErrnoException>((resolve) => {
      http.get(`${proc.url}/malformed`, (res) => {
        res.on('error', resolve);
        res.resume();
      }).on('error', resolve);
    });
    expect(err.code).toMatch(/^HPE_|ECONNRESET/);
  });

  it('slow_body: headers come at once and the body in several pieces', async () => {
    const { pieces, body, status } = await new Promise<{ pieces: number; body: string; status: number }>((resolve, reject) => {
      http
        .get(`${proc.url}/slow-body`, (res) => {
          let pieces = 0;
          let body = '';
          res.on('data', (d) => {
            pieces++;
            body += d;
          });
          res.on('end', () => resolve({ pieces, body, status: res.statusCode ?? 0 }));
        })
        .on('error', reject);
    });
    expect(status).toBe(200);
    expect(pieces).toBeGreaterThan(1);
    expect(JSON.parse(body).text).toMatch(/^a body long enough/);
  });

  it('records each fault in /__logs and in the metrics with the kind as status', async () => {
    const logs = (await (await fetch(`${proc.url}/__logs`)).json()) as Array<{ path: string; status: unknown; failure: string }>;
    const byPath = Object.fromEntries(logs.map((e) => [e.path, e]));
    expect(byPath['/reset']).toMatchObject({ status: 'reset', failure: 'reset' });
    expect(byPath['/empty']).toMatchObject({ status: 'empty', failure: 'empty' });
    expect(byPath['/timeout']).toMatchObject({ status: 'timeout', failure: 'timeout' });
    const metrics = await (await fetch(`${proc.url}/metrics`)).text();
    expect(metrics).toContain('mockdock_requests_total{method="GET",endpoint="GET /reset",status="reset"} 1');
    expect(metrics).toContain('mockdock_failures_injected_total{endpoint="GET /slow-body",kind="slow_body"} 1');
  });

  it('a held (timeout) connection does not keep the server from stopping', async () => {
    const own = await serveOnLoopback(['--config', fixture, '--no-watch', '--log-level', 'trace']);
    const held = http.get(`${own.url}/timeout`);
    const closed = new Promise<string>((resolve) => {
      held.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });
    await own.waitForLine(/"msg":"request received"/);
    own.child.kill('SIGTERM');
    expect((await own.exited).code).toBe(0);
    expect(await closed).toMatch(/ECONNRESET|socket hang up/);
  });
});

describe('seeded chaos', () => {
  async function pattern(seed: string): Promise<string[]> {
    const proc = await serveOnLoopback(['--config', fixture, '--no-watch', '--seed', seed]);
    try {
      for (let i = 0; i < 200; i++) {
        const res = await fetch(`${proc.url}/mixed`);
        await res.arrayBuffer();
      }
      const logs = (await (await fetch(`${proc.url}/__logs?limit=200`)).json()) as Array<{ status: number; latency_ms: number }>;
      return logs.reverse().map((e) => `${e.status}@${e.latency_ms}`);
    } finally {
      await proc.stop();
    }
  }

  it('gives the same 200-request pattern of failures and latencies for the same seed, and a different one for another', async () => {
    const a = await pattern('1234');
    const b = await pattern('1234');
    const c = await pattern('99');
    expect(a).toHaveLength(200);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    const failures = a.filter((p) => !p.startsWith('200@')).length;
    expect(failures).toBeGreaterThan(30);
    expect(failures).toBeLessThan(95);
  });
});
