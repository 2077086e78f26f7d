import { MAX_LOGGED_MESSAGE_BYTES, MessageLog } from '../../src/websocket/message-log';

describe('the message log of a connection', () => {
  it('keeps the last 100 messages, oldest first', () => {
    const log = new MessageLog();
    for (let i = 0; i < 250; i++) log.add(i % 2 ? 'out' : 'in', String(i), false, 1000 * i);
    const kept = log.list();
    expect(kept).toHaveLength(100);
    expect(kept[0]).toEqual({ dir: 'in', data: '150', time: new Date(150_000).toISOString() });
    expect(kept[99].data).toBe('249');
  });

  it('cuts each message at 64 KiB, text and binary alike', () => {
    const log = new MessageLog();
    log.add('in', 'é'.repeat(MAX_LOGGED_MESSAGE_BYTES), false, 0);
    log.add('out', Buffer.alloc(MAX_LOGGED_MESSAGE_BYTES * 2, 7), true, 0);
    const [text, binary] = log.list();
    expect(Buffer.byteLength(text.data)).toBeLessThanOrEqual(MAX_LOGGED_MESSAGE_BYTES);
    expect(text.data.startsWith('éé')).toBe(true);
    expect(Buffer.from(binary.data, 'base64')).toHaveLength(MAX_LOGGED_MESSAGE_BYTES);
  });

  it('serialises as the plain list, and exports HAR _webSocketMessages as browsers write them', () => {
    const log = new MessageLog();
    log.add('in', 'hi', false, 1500);
    log.add('out', Buffer.from([1]), true, 2500);
    expect(JSON.parse(JSON.stringify({ messages: log }))).toEqual({ messages: log.list() });
    expect(log.har()).toEqual([
      { type: 'send', time: 1.5, opcode: 1, data: 'hi' },
      { type: 'receive', time: 2.5, opcode: 2, data: 'AQ==' },
    ]);
  });
});
