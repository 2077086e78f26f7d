/** Content-Length for answers mockdock knows in full, so they go out in one piece rather than chunked. */

/** Statuses whose answers carry no body, and so no Content-Length (RFC 9110, section 8.6). */
export function hasBody(status: number): boolean {
  return status >= 200 && status !== 204 && status !== 304;
}

function setsFraming(headers: Record<string, string>): boolean {
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'content-length' || lower === 'transfer-encoding') return true;
  }
  return false;
}

/**
 * Content-Length values, shared: endpoints whose bodies have the same length send the very same string,
 * which stays in the CPU cache however many endpoints there are.
 */
const LENGTH_TEXT: string[] = [];
function lengthText(n: number): string {
  if (n >= 65_536) return String(n);
  return (LENGTH_TEXT[n] ??= String(n));
}

/**
 * The headers with the body's Content-Length, so the answer goes out in one piece rather than chunked.
 * A Content-Length or Transfer-Encoding the config sets itself is left as it is.
 */
export function withContentLength(status: number, headers: Record<string, string>, body: Buffer): Record<string, string> {
  if (!hasBody(status) || setsFraming(headers)) return headers;
  return { ...headers, 'content-length': lengthText(body.length) };
}

