import request from 'supertest';
import path from 'node:path';
import { createTestApp, type TestApp } from '../helpers/test-app';

const fixture = path.join(__dirname, '../fixtures/server-basic');

describe('serving endpoints over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ config: fixture });
  });

  it('answers a matched route with its templated JSON body and headers', async () => {
    const res = await request(t.app.callback()).get('/api/users/42?q=find');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-mock']).toBe('true');
    expect(res.body).toEqual({ id: '42', name: 'Ada', q: 'find' });
  });

  it('parses a JSON request body and answers with the endpoint status', async () => {
    const res = await request(t.app.callback()).post('/api/users').send({ name: 'Grace' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ created: 'Grace' });
  });

  it('answers a string response as text', async () => {
    const res = await request(t.app.callback()).get('/api/text');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe('plain words');
  });

  it('sends every answer with its Content-Length, not chunked', async () => {
    const app = t.app.callback();
    for (const res of [await request(app).get('/api/text'), await request(app).get('/api/users/42'), await request(app).get('/nope')]) {
      expect(res.headers['transfer-encoding']).toBeUndefined();
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
    }
    const head = await request(app).head('/api/text');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength('plain words')));
  });

  it('answers HEAD from the GET endpoint with headers and no body', async () => {
    const res = await request(t.app.callback()).head('/api/users/7');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.text ?? '').toBe('');
  });

  it('answers an unmatched request with 404 and the closest endpoints with reasons', async () => {
    const res = await request(t.app.callback()).get('/api/orders?status=closed');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('no endpoint matches GET /api/orders');
    expect(res.body.closest[0]).toMatchObject({ name: 'open-orders', method: 'GET', path: '/api/orders' });
    expect(res.body.closest[0].reasons.join(' ')).toMatch(/status/);
  });

  it('answers malformed JSON with 400 and the parse error, not a 500', async () => {
    const res = await request(t.app.callback()).post('/api/users').set('content-type', 'application/json').send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^malformed JSON body/);
  });

  it('answers a body over the limit with 413 naming the limit', async () => {
    const small = await createTestApp({ config: fixture, bodyLimit: '1kb' });
    const res = await request(small.app.callback())
      .post('/api/users')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(2048) }));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/larger than the limit of 1kb/);
  });

  it('injects a status failure with its own body', async () => {
    const res = await request(t.app.callback()).get('/api/flaky');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: 'down' });
  });

  it('throttles above the rate limit with 429, Retry-After and RateLimit headers', async () => {
    const agent = request(t.app.callback());
    const first = await agent.get('/api/limited');
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit-limit']).toBe('2');
    expect(first.headers['ratelimit-remaining']).toBe('1');
    await agent.get('/api/limited');
    const third = await agent.get('/api/limited');
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(third.headers['ratelimit-remaining']).toBe('0');
  });
});
