/** HAR 1.2 (as browsers and Playwright export it) → exchanges for the recorder. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RecordedExchange, HeaderMap } from '../writer/exchange';

interface HarHeader { name: string; value: string }
interface HarEntry {
  request?: { method?: string; url?: string; headers?: HarHeader[]; postData?: { mimeType?: string; text?: string } };
  response?: { status?: number; bodySize?: number; headers?: HarHeader[]; content?: { mimeType?: string; text?: string; encoding?: string; _file?: string } };
}

export interface HarRead {
  exchanges: RecordedExchange[];
  /** One line per entry that was left out, and why. */
  skipped: string[];
}

function headerMap(list: HarHeader[] | undefined): HeaderMap {
  const out: Record<string, string | string[]> = {};
  for (const { name, value } of list ?? []) {
    if (typeof name !== 'string' || name.startsWith(':')) continue; // HTTP/2 pseudo-headers
    const key = name.toLowerCase();
    const had = out[key];
    out[key] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return out;
}

/** Reads a HAR file; `_file` bodies (Playwright's "attach" mode) are read from beside it. */
export function readHar(file: string): HarRead {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { log?: { entries?: HarEntry[] } };
  const entries = doc?.log?.entries;
  if (!Array.isArray(entries)) throw new Error(`${file} is not a HAR file: it has no log.entries list`);
  const exchanges: RecordedExchange[] = [];
  const skipped: string[] = [];
  entries.forEach((entry, i) => {
    const req = entry.request;
    const res = entry.response;
    const label = `entry ${i + 1} (${req?.method ?? '?'} ${req?.url ?? '?'})`;
    if (!req?.url || !req.method || !res) return skipped.push(`${label}: no request URL, method or response`);
    if (!/^https?:/i.test(req.url)) return skipped.push(`${label}: only http and https requests can be replayed`);
    if (!res.status || res.status < 100) return skipped.push(`${label}: the request got no answer (status ${res.status ?? 'missing'})`);
    const content = res.content ?? {};
    let body: Buffer | undefined;
    if (typeof content._file === 'string') body = readFileSync(path.join(path.dirname(file), content._file));
    else if (typeof content.text === 'string') body = Buffer.from(content.text, content.encoding === 'base64' ? 'base64' : 'utf8');
    // Browsers sometimes keep no body (an image already decoded, a page left early): an empty answer would be wrong.
    if ((body === undefined || body.length === 0) && ((res.bodySize ?? 0) > 0 || (content as { size?: number }).size)) {
      return skipped.push(`${label}: the HAR holds no body for it (the browser did not keep one)`);
    }
    exchanges.push({
      method: req.method,
      url: req.url,
      headers: headerMap(req.headers),
      body: req.postData?.text,
      status: res.status,
      responseHeaders: headerMap(res.headers),
      responseBody: body,
    });
    return undefined;
  });
  return { exchanges, skipped };
}
