/** Splits a request path into decoded segments, once per request. */

/**
 * '/a/b/' → ['a', 'b'], '/' → []. Trailing slashes are ignored so '/users/' and '/users'
 * are the same route. A segment holding '%' is percent-decoded after splitting, so an encoded
 * '/' (%2F) stays inside its segment.
 */
export function splitPath(path: string): string[] {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47 /* / */) end--;
  const start = path.charCodeAt(0) === 47 ? 1 : 0;
  if (start >= end) return [];
  const segments = path.substring(start, end).split('/');
  for (let i = 0; i < segments.length; i++) {
    if (segments[i].indexOf('%') !== -1) segments[i] = decodeSegment(segments[i]);
  }
  return segments;
}

/** Percent-decodes a segment; text that is not valid percent-encoding is kept as written. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
