/** The one rule for "is this body JSON?": application/json, text/json and any +json type (type-is, as Koa uses). */
import typeis from 'type-is';

const JSON_TYPES = ['json', '+json', 'text/json'];

export function isJsonType(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType !== '' && typeis.is(contentType, JSON_TYPES) !== false;
}
