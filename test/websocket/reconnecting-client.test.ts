import ReconnectingWebSocket from 'partysocket/ws';
import WebSocket from 'ws';
import { startConfig, type Started } from '../streams/start-config';

describe('a reconnecting client library against drop faults', () => {
  let started: Started;
  afterEach(() => started?.stop());

  it('partysocket reconnects after a drop and carries on the conversation', async () => {
    started = await startConfig({
      'ws.yaml': '- { name: chat, path: /ws, websocket: { on_connect: [{ send: welcome }], on_message: [{ match: { text: ping }, send: pong }], drop: { after_messages: 2 } } }\n',
    });
    const socket = new ReconnectingWebSocket(`${started.ws}/ws`, [], { WebSocket, minReconnectionDelay: 10, maxReconnectionDelay: 20, connectionTimeout: 2000, maxRetries: 5 });
    const received: string[] = [];
    const closes: number[] = [];
    let waiting: { count: number; resolve: () => void } | null = null;
    const until = (count: number) => new Promise<void>((resolve) => {
      if (received.length >= count) resolve();
      else waiting = { count, resolve };
    });
    socket.addEventListener('message', (e) => {
      received.push(String(e.data));
      if (waiting && received.length >= waiting.count) waiting.resolve();
    });
    socket.addEventListener('close', (e) => closes.push(e.code));
    try {
      await until(1);
      socket.send('ping');
      await until(2);
      socket.send('ping'); // the second message: the mock drops the connection instead of answering
      await until(3); // the welcome of the new connection
      socket.send('ping');
      await until(4);
      expect(received).toEqual(['welcome', 'pong', 'welcome', 'pong']);
      expect(closes).toEqual([1006]);
      const logs = (await (await fetch(`${started.http}/__logs?endpoint=chat`)).json()) as Array<{ status: number }>;
      expect(logs.map((e) => e.status)).toEqual([101, 101]);
    } finally {
      socket.close();
    }
  });
});
