/** `mockdock import har` on hand-written HAR 1.2 files: what is imported, what is left out and said so. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { importInto } from './support/import-into';

const entry = (method: string, url: string, status: number, content: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  request: { method, url, headers: [{ name: 'Accept', value: '*/*' }], ...extra },
  response: { status, headers: [{ name: 'Content-Type', value: String(content.mimeType ?? 'application/json') }], bodySize: 10, content },
});

function harFile(entries: unknown[]): { file: string; done: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mockdock-har-unit-'));
  const file = path.join(dir, 'x.har');
  writeFileSync(file, JSON.stringify({ log: { version: '1.2', creator: { name: 'hand', version: '1' }, entries } }));
  return { file, done: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('mockdock import har', () => {
  it('imports base64 and text bodies and says which entries it left out and why', async () => {
    const har = harFile([
      entry('GET', 'https://api.example.com/v1/me', 200, { mimeType: 'application/json', text: Buffer.from('{"me":1}').toString('base64'), encoding: 'base64' }),
      entry('GET', 'https://api.example.com/v1/aborted', 0, {}),
      entry('GET', 'https://api.example.com/v1/img', 200, { mimeType: 'image/png', size: 10, text: '' }),
      entry('GET', 'wss://api.example.com/socket', 101, {}),
    ]);
    const imported = await importInto('har', har.file);
    try {
      expect(imported.code).toBe(0);
      expect(imported.lines.filter((l) => l.endsWith(': not imported'))).toEqual([
        expect.stringMatching(/entry 2 \(GET https:\/\/api\.example\.com\/v1\/aborted\): the request got no answer/),
        expect.stringMatching(/entry 3 \(GET https:\/\/api\.example\.com\/v1\/img\): the HAR holds no body for it/),
        expect.stringMatching(/entry 4 \(GET wss:\/\/api\.example\.com\/socket\): only http and https/),
      ]);
      expect(imported.lines[imported.lines.length - 1]).toMatch(/1 exchange read, 1 new request or answer written to 1 file under imported; 3 entries not imported$/);
      const { app } = await imported.serve();
      expect((await request(app.callback()).get('/v1/me')).body).toEqual({ me: 1 });
      expect(imported.read('api.example.com_443/v1.yaml')).toContain('path: /v1/me');
    } finally {
      imported.cleanup();
      har.done();
    }
  });

  it('exits 1 with a clear line for a file that is not a HAR', async () => {
    const har = harFile([]);
    writeFileSync(har.file, '{"not":"har"}');
    const imported = await importInto('har', har.file);
    try {
      expect(imported.code).toBe(1);
      expect(imported.lines).toEqual([expect.stringMatching(/cannot import .*x\.har: .* is not a HAR file: it has no log\.entries list/)]);
    } finally {
      imported.cleanup();
      har.done();
    }
  });
});
