import request from 'supertest';
import path from 'node:path';
import { createTestApp } from '../helpers/test-app';

const cached = path.join(__dirname, '../fixtures/state-cache');
const LOADED = Date.UTC(2026, 0, 2, 3, 4, 5);

async function agent() {
  const t = await createTestApp({ config: cached, clock: () => LOADED });
  return request(t.app.callback());
}

describe('the cache behaviour', () => {
  it('adds a strong ETag from the body, Last-Modified at load and Cache-Control', async () => {
    const http = await agent();
    const res = await http.get('/catalog');
    expect(res.status).toBe(200);
    expect(res.headers.etag).toMatch(/^"[0-9a-f]+-[^"]+"$/);
    expect(res.headers['last-modified']).toBe(new Date(LOADED).toUTCString());
    expect(res.headers['cache-control']).toBe('public, no-cache');
    expect((await http.get('/catalog/fresh')).headers['cache-control']).toBe('private, max-age=60');
  });

  it('answers 304 with no body to a GET or HEAD whose If-None-Match matches, and 200 when it does not', async () => {
    const http = await agent();
    const { etag } = (await http.get('/catalog')).headers;
    const again = await http.get('/catalog').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('public, no-cache');
    expect((await http.head('/catalog').set('If-None-Match', `"other", ${etag}`)).status).toBe(304);
    expect((await http.get('/catalog').set('If-None-Match', '"other"')).status).toBe(200);
  });

  it('answers 304 to an If-Modified-Since not older than Last-Modified', async () => {
    const http = await agent();
    expect((await http.get('/catalog').set('If-Modified-Since', new Date(LOADED).toUTCString())).status).toBe(304);
    expect((await http.get('/catalog').set('If-Modified-Since', new Date(LOADED + 60_000).toUTCString())).status).toBe(304);
    expect((await http.get('/catalog').set('If-Modified-Since', new Date(LOADED - 60_000).toUTCString())).status).toBe(200);
  });

  it('computes the ETag of each templated answer from its own body', async () => {
    const http = await agent();
    const a = await http.get('/catalog/hits?n=1');
    const b = await http.get('/catalog/hits?n=2');
    expect(a.headers.etag).not.toBe(b.headers.etag);
    expect((await http.get('/catalog/hits?n=1').set('If-None-Match', a.headers.etag)).status).toBe(304);
    expect((await http.get('/catalog/hits?n=2').set('If-None-Match', a.headers.etag)).status).toBe(200);
  });
});
