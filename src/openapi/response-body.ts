/** One documented response (status, example or generated body, headers) as the response part of an endpoint. */
import type { SpecResponse, SpecMediaType } from './operation-model';
import type { SchemaConverter } from './schema-converter';
import { isJsonType, isWildcardType, isXmlType, pickMediaType } from './media-type';
import { sampleValue } from './sample-value';

export interface ResponsePart {
  headers: Record<string, string>;
  /** Undefined: no body. */
  response?: unknown;
  /** Things about this response that did not make it into the mock. */
  notes: string[];
  media?: SpecMediaType;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** One line of Latin-1 text, as HTTP allows. */
const HEADER_VALUE = /^[\t\u0020-\u007e\u0080-\u00ff]*$/;

/** Values read from referenced files may hold Dates (YAML timestamps); config values are plain JSON. */
function plain(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

function headerValue(v: unknown): string {
  if (typeof v === 'string') return v;
  return JSON.stringify(plain(v)) ?? '';
}

/** mockdock sends a string as text and anything else as JSON: JSON bodies that are strings need quoting. */
function jsonBody(value: unknown): unknown {
  if (typeof value === 'string') {
    const t = value.trim();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        return JSON.parse(t);
      } catch {
        // not JSON text after all: send it as a JSON string
      }
    }
    return JSON.stringify(value);
  }
  return value === null ? 'null' : value;
}

function textBody(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The response part for `res`, using the example named `exampleName` (or the first one). */
export function buildResponsePart(res: SpecResponse, exampleName: string | undefined, converter: SchemaConverter): ResponsePart {
  const notes: string[] = [];
  const headers: Record<string, string> = {};
  const media = pickMediaType(res.content);
  let body: unknown;
  if (media) {
    const json = isJsonType(media.type) || (isWildcardType(media.type) && !isXmlType(media.type));
    const xml = !json && isXmlType(media.type);
    const example = exampleName === undefined ? media.examples[0] : media.examples.find((e) => e.name === exampleName);
    let value = plain(example?.value);
    if (value === undefined && media.externalExamples.length > 0) {
      notes.push(`examples given only by URL (${media.externalExamples.join(', ')}) are not fetched`);
    }
    if (value === undefined && media.schema) {
      value = sampleValue(converter.toJsonSchema(media.schema, 'sample'), { direction: 'response', xml });
    } else if (xml && value !== undefined && typeof value !== 'string' && media.schema) {
      notes.push(`the ${media.type} example is not XML text; the body is generated from the schema`);
      value = sampleValue(converter.toJsonSchema(media.schema, 'sample'), { direction: 'response', xml: true });
    }
    if (value === undefined) {
      notes.push(`no example or schema for ${media.type}: the body is empty`);
    } else {
      body = json ? jsonBody(value) : textBody(value);
    }
    const type = isWildcardType(media.type) ? (json ? 'application/json' : 'text/plain') : media.type;
    headers['Content-Type'] = type;
  }
  const missing: string[] = [];
  const unsendable: string[] = [];
  for (const h of res.headers) {
    if (h.name.toLowerCase() === 'content-type') continue;
    if (h.example === undefined) {
      missing.push(h.name);
      continue;
    }
    const value = headerValue(h.example.value);
    if (HEADER_NAME.test(h.name) && HEADER_VALUE.test(value)) headers[h.name] = value;
    else unsendable.push(h.name);
  }
  if (missing.length > 0) notes.push(`response headers without an example are left out: ${missing.join(', ')}`);
  if (unsendable.length > 0) notes.push(`response headers whose name or example cannot be sent in HTTP are left out: ${unsendable.join(', ')}`);
  return { headers, response: body, notes, media };
}
