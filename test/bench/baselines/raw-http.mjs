// Baseline: the fastest a Node HTTP server can answer the static route (node:http, a prebuilt body).
import http from 'node:http';
import { STATIC_PATH, STATIC_TEXT } from '../lib/workload.mjs';

const port = Number(process.argv[2] ?? 0);
const body = Buffer.from(STATIC_TEXT);
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) };

const server = http.createServer((req, res) => {
  if (req.url === STATIC_PATH || req.url === '/__health') {
    res.writeHead(200, headers);
    res.end(body);
    return;
  }
  res.writeHead(404);
  res.end();
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
