import { toHar } from '../../src/logs/har';
import type { LogEntry } from '../../src/model/log-entry';
import { MessageLog } from '../../src/websocket/message-log';

const connection: LogEntry = {
  id: 1, time: '2026-01-01T00:00:00.000Z', method: 'GET', path: '/ws/chat', query: {}, headers: { host: '127.0.0.1:8080' },
  body: null, endpoint: 'chat', status: 101, duration_ms: 0, latency_ms: 0, failure: null, session: null, response: null,
};

describe('WebSocket connections in the HAR export', () => {
  it('carry their frames as _webSocketMessages with a ws: URL, as browsers export them', () => {
    const log = new MessageLog();
    log.add('in', 'hi', false, 1500);
    log.add('out', Buffer.from([1]), true, 2500);
    const [entry] = toHar([{ ...connection, messages: log } as LogEntry], '0.1.0').log.entries as Array<{ request: { url: string }; _resourceType: string; _webSocketMessages: unknown }>;
    expect(entry.request.url).toBe('ws://127.0.0.1:8080/ws/chat');
    expect(entry._resourceType).toBe('websocket');
    expect(entry._webSocketMessages).toEqual([
      { type: 'send', time: 1.5, opcode: 1, data: 'hi' },
      { type: 'receive', time: 2.5, opcode: 2, data: 'AQ==' },
    ]);
  });

  it('read back from another replica turn their plain message list into _webSocketMessages', () => {
    const messages = [{ dir: 'in', data: 'hi', time: '2026-01-01T00:00:01.500Z' }, { dir: 'out', data: 'AQ==', time: '2026-01-01T00:00:02.000Z', encoding: 'base64' }];
    const [entry] = toHar([{ ...connection, messages } as LogEntry], '0.1.0').log.entries as Array<{ _webSocketMessages: unknown }>;
    expect(entry._webSocketMessages).toEqual([
      { type: 'send', time: 1767225601.5, opcode: 1, data: 'hi' },
      { type: 'receive', time: 1767225602, opcode: 2, data: 'AQ==' },
    ]);
  });

  it('leave plain HTTP entries without them', () => {
    const [entry] = toHar([{ ...connection, status: 200 }], '0.1.0').log.entries;
    expect('_webSocketMessages' in entry).toBe(false);
  });
});
