import { serveConfig, type Served } from './serve-config';

describe('the stream admin routes with an admin token', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serveConfig({ 's.yaml': '- { name: feed, path: /feed, events: [] }\n- { name: chat, path: /chat, websocket: {} }\n' }, { adminToken: 't0k' });
  });
  afterAll(() => served.stop());

  it.each([
    ['GET', '/__ws'],
    ['POST', '/__ws/chat/send'],
    ['POST', '/__sse/feed/send'],
  ])('%s %s needs the token', async (method, route) => {
    const without = await fetch(`${served.url}${route}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{"data":1}' : undefined });
    expect(without.status).toBe(401);
    const withToken = await fetch(`${served.url}${route}`, { method, headers: { 'content-type': 'application/json', authorization: 'Bearer t0k' }, body: method === 'POST' ? '{"data":1}' : undefined });
    expect(withToken.status).toBe(200);
  });
});
