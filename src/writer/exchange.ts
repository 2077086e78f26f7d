/** One request and the answer it got (from the recording proxy or a HAR file), and how each part is saved. */
import { createHash } from 'node:crypto';
import mime from 'mime-types';
import type { Redactor } from './secrets';

export type HeaderMap = Record<string, string | string[] | undefined>;

/**
 * What the recorder is given. `url` is the full upstream URL (its host and port pick the file);
 * `query` defaults to the URL's own. Bodies are as the client and the application see them:
 * `responseBody` already decoded (no Content-Encoding left to undo).
 */
export interface RecordedExchange {
  method: string;
  url: string;
  query?: Record<string, string | string[]>;
  headers?: HeaderMap;
  body?: Buffer | string;
  status: number;
  responseHeaders?: HeaderMap;
  responseBody?: Buffer | string;
}

/** Larger bodies go to a file under `__files/` rather than into the YAML. */
export const INLINE_LIMIT = 64 * 1024;

/** Never saved: hop-by-hop headers and those the server computes again on replay. */
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'te', 'trailer', 'trailers', 'transfer-encoding', 'upgrade', 'date', 'content-length', 'content-encoding']);

export type SavedBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'file'; content: Buffer; ext: string };

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: SavedBody;
}

function toBuffer(body: Buffer | string | undefined): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : value;
}

export function headerOf(headers: HeaderMap | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headerValue(headers[key]);
}

function isJsonType(type: string | undefined): boolean {
  const base = (type ?? '').split(';')[0].trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json');
}

/** Text that survives a round trip through UTF-8 and holds no NUL (which no text format uses). */
function asText(buf: Buffer): string | undefined {
  const text = buf.toString('utf8');
  if (text.includes('\u0000') || !Buffer.from(text, 'utf8').equals(buf)) return undefined;
  return text;
}

/** The request's JSON body as an object or array, when it is one. */
export function jsonRequestBody(ex: RecordedExchange): unknown {
  const buf = toBuffer(ex.body);
  if (buf.length === 0) return undefined;
  const type = headerOf(ex.headers, 'content-type');
  if (type !== undefined && !isJsonType(type)) return undefined;
  try {
    const value: unknown = JSON.parse(buf.toString('utf8'));
    return value !== null && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function answerOf(ex: RecordedExchange, redact: Redactor): Answer {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(ex.responseHeaders ?? {})) {
    const lower = name.toLowerCase();
    const text = headerValue(value);
    if (text === undefined || DROPPED.has(lower) || redact.isSecretHeader(lower) || lower.startsWith(':')) continue;
    headers[lower] = text;
  }
  const buf = toBuffer(ex.responseBody);
  return { status: ex.status, headers, body: savedBody(buf, headers['content-type'], redact) };
}

function savedBody(buf: Buffer, type: string | undefined, redact: Redactor): SavedBody {
  if (buf.length === 0) return { kind: 'none' };
  const text = buf.length <= INLINE_LIMIT ? asText(buf) : undefined;
  if (text !== undefined && isJsonType(type)) {
    try {
      const value: unknown = JSON.parse(text);
      // A JSON string or number at the top would be read back as text: keep those as the text they were.
      if (value !== null && typeof value === 'object') return { kind: 'json', value: redact.maskFields(value) };
    } catch {
      // not JSON after all: kept as text
    }
  }
  if (text !== undefined) return { kind: 'text', text };
  const ext = (type && mime.extension(type.split(';')[0].trim())) || 'bin';
  return { kind: 'file', content: buf, ext };
}

/** A body file's name: by content, so the same body is stored once. */
export function bodyFileName(content: Buffer, ext: string): string {
  return `${createHash('sha256').update(content).digest('hex').slice(0, 16)}.${ext}`;
}

/** The request path written so mockdock reads it literally: a segment starting with ":" or holding "*" is percent-encoded. */
export function literalPath(pathname: string): string | undefined {
  const segments = pathname.split('/').slice(1);
  if (segments.slice(0, -1).some((s) => s === '')) return undefined; // "//" inside a path has no config form
  return `/${segments.map((s) => s.replace(/^:/, '%3A').replace(/\*/g, '%2A')).join('/')}`;
}

/** The query as recorded: the URL's own unless given; a repeated key keeps its first value. */
export function queryOf(ex: RecordedExchange, url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  if (ex.query) {
    for (const [k, v] of Object.entries(ex.query)) {
      const first = Array.isArray(v) ? v[0] : v;
      if (first !== undefined) out[k] = first;
    }
    return out;
  }
  for (const [k, v] of url.searchParams) if (!(k in out)) out[k] = v;
  return out;
}
