/**
 * Forwards one request upstream with undici and turns the answer into a plan whose body streams through
 * (never buffered unless a watcher — recording, the cache — asks for a copy). Unreachable: 502; no answer in time: 504.
 */
import type { Agent, Dispatcher } from 'undici';

type Undici = typeof import('undici');
let loaded: Undici | undefined;
/** undici is required on first use (a proxy endpoint compiling), so a mockdock without a proxy never loads it. */
function undici(): Undici {
  return (loaded ??= require('undici') as Undici);
}
import { rootCertificates } from 'node:tls';
import type { MockRequest } from '../../model/request';
import type { ResponsePlan } from '../../model/response-plan';
import { jsonAnswer } from '../../util/json-answer';
import type { ProxyTarget } from './proxy-target';
import { answerHeaders, requestHeaders } from './forward-headers';

/** Sees a forwarded answer's body as it streams by; `end` gets the whole body unless it grew past `limit`. */
export interface BodyWatcher {
  readonly limit: number;
  end(status: number, headers: Record<string, string>, body: Buffer | null): void | Promise<void>;
}

/** The connection pool for a target's TLS settings (the system CAs plus `ca_file`, or no checks when insecure). */
export function makeAgent(target: Pick<ProxyTarget, 'ca' | 'insecure'>): Agent {
  const connect = target.ca || target.insecure ? { ca: target.ca ? [...rootCertificates, target.ca.toString('utf8')] : undefined, rejectUnauthorized: !target.insecure } : undefined;
  return new (undici().Agent)({ connect, keepAliveTimeout: 10_000 });
}

/** The upstream URL for a request: the target's origin and path, then the request's path and query as sent. */
export function upstreamUrl(target: ProxyTarget, req: MockRequest): string {
  let rest = req.target;
  if (rest === undefined || rest.charCodeAt(0) !== 47 /* "/" */) {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query)) for (const one of Array.isArray(v) ? v : [v]) query.append(k, one);
    const search = query.toString();
    rest = search ? `${req.path}?${search}` : req.path;
  }
  return `${target.origin}${target.basePath}${rest}`;
}

/** The body to send: the bytes mockdock read, and whether they were inflated (a parsed type) so their Content-Encoding no longer applies. */
function requestBody(req: MockRequest): { body: Buffer | undefined; inflated: boolean } {
  const raw = req.raw;
  if (raw === undefined || raw.length === 0) return { body: undefined, inflated: false };
  return { body: raw, inflated: req.body !== undefined };
}

function failed(endpoint: string | null, status: number, error: string, upstream: string): ResponsePlan {
  return { endpoint, ...jsonAnswer(status, { error, upstream }), delayMs: 0 };
}

function isTimeout(err: unknown): boolean {
  return err instanceof undici().errors.HeadersTimeoutError || err instanceof undici().errors.ConnectTimeoutError;
}

function reason(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } };
  return e.cause?.message ?? e.message ?? String(err);
}

/** A copy of the body for the watcher, kept while it stays under the watcher's limit. */
async function* watched(body: AsyncIterable<Uint8Array>, status: number, headers: Record<string, string>, watcher: BodyWatcher): AsyncGenerator<Uint8Array> {
  const parts: Buffer[] = [];
  let size = 0;
  let whole = true;
  for await (const chunk of body) {
    if (whole) {
      size += chunk.length;
      if (size > watcher.limit) {
        whole = false;
        parts.length = 0;
      } else parts.push(Buffer.from(chunk));
    }
    yield chunk;
  }
  await watcher.end(status, headers, whole ? Buffer.concat(parts, size) : null);
}

/**
 * Sends `req` to the target and resolves to the answer to send on. `notes` gets `proxied_to` (the URL) and
 * `upstream_ms` (until the answer's status and headers arrived).
 */
export async function forward(
  req: MockRequest,
  target: ProxyTarget,
  dispatcher: Dispatcher,
  endpoint: string | null,
  notes: Record<string, unknown>,
  watcher?: BodyWatcher,
): Promise<ResponsePlan> {
  const url = upstreamUrl(target, req);
  notes.proxied_to = url;
  const { body, inflated } = requestBody(req);
  const started = performance.now();
  let answer: Dispatcher.ResponseData;
  try {
    answer = await undici().request(url, {
      method: req.method as Dispatcher.HttpMethod,
      headers: requestHeaders(req, target.headers, inflated),
      body,
      dispatcher,
      headersTimeout: target.timeoutMs,
      bodyTimeout: target.timeoutMs,
    });
  } catch (err) {
    notes.upstream_ms = Math.round((performance.now() - started) * 10) / 10;
    if (isTimeout(err)) return failed(endpoint, 504, `the upstream did not answer within ${target.timeoutMs} ms`, url);
    return failed(endpoint, 502, `the upstream cannot be reached: ${reason(err)}`, url);
  }
  notes.upstream_ms = Math.round((performance.now() - started) * 10) / 10;
  const headers = answerHeaders(answer.headers);
  const status = answer.statusCode;
  return {
    endpoint,
    status,
    headers,
    body: watcher ? watched(answer.body, status, headers, watcher) : answer.body,
    delayMs: 0,
  };
}
