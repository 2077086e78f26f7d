import { toHar } from '../../src/logs/har';
import type { LogEntry } from '../../src/model/log-entry';

const base: LogEntry = {
  id: 1, time: '2026-01-01T00:00:00.000Z', method: 'POST', path: '/api/users', query: { a: ['1', '2'] }, headers: { 'content-type': 'application/json' },
  body: { name: 'Ann' }, endpoint: 'users', status: 201, duration_ms: 3.5, latency_ms: 0, failure: null, session: null,
  response: { status: 201, headers: { 'content-type': 'application/json' }, body: { id: 7 } },
};

describe('the request log as HAR', () => {
  it('writes HTTP entries oldest first with request, query, bodies and the answer', () => {
    const older = { ...base, id: 1, response: { status: 200, headers: { 'content-type': 'image/png' }, body: { base64: 'AQI=' } } };
    const newer = { ...base, id: 2 };
    const har = toHar([newer, older], 'http://127.0.0.1:8080');
    expect(har.log.entries).toHaveLength(2);
    const [first, second] = har.log.entries;
    expect(first.response.content).toEqual({ size: 2, mimeType: 'image/png', text: 'AQI=', encoding: 'base64' });
    expect(second.request).toMatchObject({
      method: 'POST', url: 'http://127.0.0.1:8080/api/users?a=1&a=2', queryString: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }],
      postData: { mimeType: 'application/json', text: '{"name":"Ann"}' },
    });
    expect(second.response).toMatchObject({ status: 201, content: { mimeType: 'application/json', text: '{"id":7}' } });
    expect('_webSocketMessages' in second).toBe(false);
  });

  it('writes a fault with status 0 and the kind as its status text', () => {
    const [entry] = toHar([{ ...base, status: 'reset', response: null }], 'http://h').log.entries;
    expect(entry.response).toMatchObject({ status: 0, statusText: 'reset' });
  });
});

describe('a connection entry read back from another replica', () => {
  it('turns its plain message list into _webSocketMessages', () => {
    const entry = { ...base, status: 101, messages: [{ dir: 'in', data: 'hi', time: '2026-01-01T00:00:01.500Z' }, { dir: 'out', data: 'AQ==', time: '2026-01-01T00:00:02.000Z', encoding: 'base64' }] };
    const [har] = toHar([entry as LogEntry], 'http://h').log.entries as Array<{ _webSocketMessages: unknown }>;
    expect(har._webSocketMessages).toEqual([
      { type: 'send', time: 1767225601.5, opcode: 1, data: 'hi' },
      { type: 'receive', time: 1767225602, opcode: 2, data: 'AQ==' },
    ]);
  });
});
