/** The request log as HAR 1.2 (`GET /__logs?format=har`), oldest first, as browsers export it, for HAR viewers and importers. */
import { STATUS_CODES } from 'node:http';
import type { Entry, Har, Header, QueryString } from 'har-format';
import type { LogEntry } from '../model/log-entry';
import { harFrames } from '../websocket/har-frames';

function headerList(headers: Record<string, string | string[]>): Header[] {
  const out: Header[] = [];
  for (const [name, value] of Object.entries(headers)) {
    for (const one of Array.isArray(value) ? value : [value]) out.push({ name, value: String(one) });
  }
  return out;
}

function queryList(query: Record<string, string | string[]>): QueryString[] {
  return Object.entries(query).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: v })));
}

function headerOf(headers: Record<string, string | string[]>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** A logged body (parsed JSON, text, a form object, or `{base64}` for bytes) as HAR text. */
function bodyText(body: unknown): { text: string; encoding?: string } | null {
  if (body === null || body === undefined) return null;
  if (typeof body === 'string') return { text: body };
  const bytes = body as { base64?: unknown };
  if (typeof bytes.base64 === 'string' && Object.keys(body).every((k) => k === 'base64' || k === 'truncated')) return { text: bytes.base64, encoding: 'base64' };
  return { text: JSON.stringify(body) };
}

function url(e: LogEntry): string {
  const search = new URLSearchParams(queryList(e.query).map((q): [string, string] => [q.name, q.value])).toString();
  return `http://${headerOf(e.headers, 'host') ?? 'localhost'}${e.path}${search ? `?${search}` : ''}`;
}

function entryOf(e: LogEntry & Record<string, unknown>): Entry {
  const sent = bodyText(e.body);
  const answer = e.response;
  const got = answer ? bodyText(answer.body) : null;
  const status = typeof e.status === 'number' ? e.status : 0;
  const type = answer ? (headerOf(answer.headers, 'content-type') ?? '') : '';
  const length = answer ? Number(headerOf(answer.headers, 'content-length')) : NaN;
  // a streamed answer (proxied, events) is not kept in the log: its size is then unknown, not 0
  const streamed = answer !== null && answer.body === null && !Number.isFinite(length);
  const size = Number.isFinite(length) ? length : got ? Buffer.byteLength(got.text, got.encoding === 'base64' ? 'base64' : 'utf8') : streamed ? -1 : 0;
  const entry: Entry & Record<string, unknown> = {
    startedDateTime: e.time,
    time: e.duration_ms,
    request: {
      method: e.method,
      url: url(e),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(e.headers),
      queryString: queryList(e.query),
      headersSize: -1,
      bodySize: sent ? Buffer.byteLength(sent.text) : 0,
      ...(sent ? { postData: { mimeType: headerOf(e.headers, 'content-type') ?? '', text: sent.text } } : {}),
    },
    response: {
      status,
      statusText: typeof e.status === 'number' ? (STATUS_CODES[e.status] ?? '') : e.status,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: answer ? headerList(answer.headers) : [],
      content: { size, mimeType: type, ...(got ?? {}), ...(answer !== null && answer.body === null ? { comment: 'streamed: the body is not kept in the log' } : {}) },
      redirectURL: answer ? (headerOf(answer.headers, 'location') ?? '') : '',
      headersSize: -1,
      bodySize: answer ? size : -1,
    },
    cache: {},
    timings: { send: 0, wait: Math.max(0, e.duration_ms - e.latency_ms), receive: 0, blocked: e.latency_ms > 0 ? e.latency_ms : -1 },
  };
  // what mockdock adds, under HAR's prefix for custom fields
  entry._endpoint = e.endpoint;
  if (e.failure) entry._failure = e.failure;
  if (typeof e.proxied_to === 'string') entry._proxied_to = e.proxied_to;
  if (typeof e.recorded === 'boolean') entry._recorded = e.recorded;
  // a WebSocket connection: its frames, the way browsers export them
  const frames = harFrames(e.messages);
  if (frames) {
    entry.request.url = entry.request.url.replace(/^http/, 'ws');
    entry._resourceType = 'websocket';
    entry._webSocketMessages = frames;
  }
  return entry;
}

/** `entries` as /__logs lists them (newest first). */
export function toHar(entries: readonly LogEntry[], version: string): Har {
  return {
    log: {
      version: '1.2',
      creator: { name: 'mockdock', version },
      entries: [...entries].reverse().map((e) => entryOf(e as LogEntry & Record<string, unknown>)),
    },
  };
}
