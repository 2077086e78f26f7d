import http from 'node:http';
import path from 'node:path';
import { serve, type Served } from '../proxy/support';

const fixture = path.join(__dirname, '../fixtures/server-basic');

/** Sends `bytes` as a JSON body with Node's own client, in 64 KiB writes as a real upload does, and reads the answer. */
function upload(url: string, bytes: number, chunked: boolean): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
    if (!chunked) headers['content-length'] = bytes;
    const req = http.request(`${url}/api/users`, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    const piece = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < bytes) {
        const n = Math.min(piece.length, bytes - sent);
        sent += n;
        if (!req.write(n === piece.length ? piece : piece.subarray(0, n))) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('a request body over the limit', () => {
  let t: Served;
  beforeAll(async () => {
    t = await serve({ config: fixture });
  });
  afterAll(() => t.stop());

  it.each([
    ['with a Content-Length', false],
    ['chunked', true],
  ])('reaches a Node client still sending 2 MiB (%s) as a clean 413, every time', async (_label, chunked) => {
    for (let i = 0; i < 5; i++) {
      const answer = await upload(t.url, 2 * 1024 * 1024, chunked);
      expect(answer).toMatchObject({ status: 413 });
      expect(JSON.parse((answer as { body: string }).body).error).toMatch(/larger than the limit of 1mb/);
    }
  });

  it('leaves the server answering the next request', async () => {
    await upload(t.url, 2 * 1024 * 1024, false);
    expect(await upload(t.url, 20, false)).toMatchObject({ status: 400 });
  });
});
