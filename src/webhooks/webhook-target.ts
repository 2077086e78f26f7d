/** Which URLs a webhook may be sent to: absolute http(s), never mockdock's own `/__*` routes. */

/** Why the URL cannot be a webhook target, or undefined when it can. */
export function targetProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `is not an absolute http(s) URL (got ${JSON.stringify(text)})`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must use http or https (got ${url.protocol.slice(0, -1)})`;
  // WHATWG URL parsing has already resolved dot segments, so `/x/../__logs` shows up here as `/__logs`.
  if (url.pathname.startsWith('/__')) return `must not target mockdock's own admin routes (${url.pathname})`;
  return undefined;
}

/**
 * What can be said of a templated URL before any request arrives: its fixed parts, with every
 * `{{…}}` standing in for a digit (which fits a host, a port and a path alike). Undefined when the
 * fixed parts decide nothing (the whole URL comes from request data, say); the rendered URL is
 * checked again before each send.
 */
export function templatedTargetProblem(source: string): string | undefined {
  const sample = source.replace(/\{\{[^}]*\}\}/g, '1');
  if (!URL.canParse(sample)) return undefined;
  return targetProblem(sample);
}
