/** An answer's body as the application sees it: a gzip, deflate or br Content-Encoding undone (recordings are saved decoded). */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export function decodedBody(headers: Record<string, string>, body: Buffer): { headers: Record<string, string>; body: Buffer } {
  const encoding = (headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return { headers, body };
  try {
    const decode = encoding === 'gzip' || encoding === 'x-gzip' ? gunzipSync : encoding === 'deflate' ? inflateSync : encoding === 'br' ? brotliDecompressSync : null;
    if (decode === null) return { headers, body };
    const { 'content-encoding': _dropped, 'content-length': _length, ...rest } = headers;
    return { headers: rest, body: decode(body) };
  } catch {
    return { headers, body }; // not what it says it is: kept as it came
  }
}
