// Baseline for the WebSocket bench: the ws library alone, echoing, and broadcasting on POST /__ws/feed/send.
import http from 'node:http';
import { WebSocketServer } from 'ws';

const feed = new Set();
const server = http.createServer((req, res) => {
  if (req.url === '/__health') return res.end('{"status":"ok"}');
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    for (const ws of feed) ws.send(body, { binary: false });
    res.end(JSON.stringify({ sent: feed.size }));
  });
});
const wss = new WebSocketServer({ server, perMessageDeflate: false, clientTracking: false });
wss.on('connection', (ws, req) => {
  if (req.url === '/ws/feed') {
    feed.add(ws);
    ws.on('close', () => feed.delete(ws));
  }
  if (req.url === '/ws/echo') ws.on('message', (data, binary) => ws.send(data, { binary }));
});
server.listen(Number(process.argv[2]), '127.0.0.1');
