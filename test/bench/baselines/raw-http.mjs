// Baseline: the fastest a Node HTTP server can answer the static route (node:http, a prebuilt body), and a
// JSON POST (read the body, parse it, answer 201) for the post-body scenario.
import http from 'node:http';
import { POST_ANSWER, POST_PATH, STATIC_PATH, STATIC_TEXT } from '../lib/workload.mjs';

const port = Number(process.argv[2] ?? 0);
const body = Buffer.from(STATIC_TEXT);
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) };

const posted = Buffer.from(JSON.stringify(POST_ANSWER));
const postHeaders = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(posted.length) };

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === POST_PATH) {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(201, postHeaders);
      res.end(posted);
    });
    return;
  }
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
