/** The one rule for "is this body JSON?": application/json, text/json and any +json type (type-is, as Koa uses). */
import typeis from 'type-is';

const JSON_TYPES = ['json', '+json', 'text/json'];

/**
 * The answers for the Content-Type values seen so far: a server sees a handful of distinct values, and
 * type-is parses the header anew on every call (2% of a JSON POST's CPU in a profile).
 */
const known = new Map<string, boolean>();
const KNOWN_MAX = 256;

export function isJsonType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType === '') return false;
  // keyed by the type alone: parameters (a multipart boundary differs per request) do not change the answer
  const semi = contentType.indexOf(';');
  const key = semi === -1 ? contentType : contentType.slice(0, semi);
  let json = known.get(key);
  if (json === undefined) {
    json = typeis.is(key, JSON_TYPES) !== false;
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(key, json);
  }
  return json;
}
