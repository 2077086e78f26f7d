/**
 * `/__logs?format=har`: the request log as HAR 1.2, oldest first, as browsers export it; a WebSocket
 * connection's entry carries its frames as `_webSocketMessages` (and `_resourceType: "websocket"`).
 */
import type { LogEntry } from '../model/log-entry';
import { type HarWebSocketMessage, type LoggedMessage, MessageLog } from '../websocket/message-log';

type Pair = { name: string; value: string };

const pairs = (record: Record<string, string | string[]>): Pair[] =>
  Object.entries(record).flatMap(([name, v]) => (Array.isArray(v) ? v : [v]).map((value) => ({ name, value })));

function queryText(query: Record<string, string | string[]>): string {
  const q = new URLSearchParams(pairs(query).map((p): [string, string] => [p.name, p.value])).toString();
  return q === '' ? '' : `?${q}`;
}

function contentOf(body: unknown, headers: Record<string, string>): { size: number; mimeType: string; text?: string; encoding?: string } {
  const mimeType = headers['content-type'] ?? '';
  if (body === null || body === undefined) return { size: 0, mimeType };
  if (typeof body === 'object' && !Array.isArray(body) && typeof (body as { base64?: unknown }).base64 === 'string') {
    const text = (body as { base64: string }).base64;
    return { size: Buffer.from(text, 'base64').length, mimeType, text, encoding: 'base64' };
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { size: Buffer.byteLength(text), mimeType, text };
}

/** The frames of a connection's entry: a live message log here, or its list as another replica's log holds it. */
function framesOf(messages: unknown): HarWebSocketMessage[] | null {
  if (messages instanceof MessageLog) return messages.har();
  if (!Array.isArray(messages)) return null;
  return (messages as LoggedMessage[]).map((m) => ({ type: m.dir === 'in' ? 'send' : 'receive', time: Date.parse(m.time) / 1000, opcode: m.encoding === 'base64' ? 2 : 1, data: m.data }));
}

function harEntry(e: LogEntry & Record<string, unknown>, origin: string) {
  const messages = framesOf(e.messages);
  const requestBody = e.body === null || e.body === undefined ? undefined : contentOf(e.body, e.headers);
  const answer = e.response;
  return {
    startedDateTime: e.time,
    time: e.duration_ms,
    request: {
      method: e.method,
      url: `${messages ? origin.replace(/^http/, 'ws') : origin}${e.path}${queryText(e.query)}`,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(e.headers),
      queryString: pairs(e.query),
      ...(requestBody ? { postData: { mimeType: requestBody.mimeType, text: requestBody.text ?? '' } } : {}),
      headersSize: -1,
      bodySize: requestBody?.size ?? 0,
    },
    response: {
      status: typeof e.status === 'number' ? e.status : 0,
      statusText: typeof e.status === 'number' ? '' : e.status,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: answer ? pairs(answer.headers) : [],
      content: answer ? contentOf(answer.body, answer.headers) : { size: 0, mimeType: '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: e.duration_ms, receive: 0 },
    ...(messages ? { _resourceType: 'websocket', _webSocketMessages: messages } : {}),
  };
}

/** `entries` newest first, as the log returns them; `origin` is how clients reached mockdock (http://host:port). */
export function toHar(entries: readonly LogEntry[], origin: string) {
  return {
    log: {
      version: '1.2',
      creator: { name: 'mockdock', version: '0.1.0' },
      pages: [],
      entries: [...entries].reverse().map((e) => harEntry(e as LogEntry & Record<string, unknown>, origin)),
    },
  };
}
