/** One documented response (status, example or generated body, headers) as the response part of an endpoint. */
import type { SpecResponse, SpecMediaType } from './operation-model';
import type { JsonSchema, SchemaConverter } from './schema-converter';
import { isJsonType, isWildcardType, isXmlType, pickMediaType } from './media-type';
import { isDeepStrictEqual } from 'node:util';
import { sampleValue } from './sample-value';
import type { ExampleChecker } from './example-check';
import { exampleAsXml, xmlRootName } from './xml-body';
import { withoutExamplesIfAny } from './sample-hints';

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
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : value;
}

/**
 * A string example of a JSON media type: documents write both `"{}"` meaning the JSON string "{}"
 * and `'{"id": 1}'` meaning the object. It stays a string when the schema takes a string (or there is
 * no schema); it is read as JSON text only when the schema refuses the string and takes what it holds.
 */
function jsonText(value: string, schema: JsonSchema | undefined, checker: ExampleChecker | undefined, key: string): unknown {
  const t = value.trim();
  if (schema === undefined || !(t.startsWith('{') || t.startsWith('['))) return value;
  if (checker && checker.problem(schema, value, key) === undefined) return value;
  try {
    return JSON.parse(t);
  } catch {
    return value;
  }
}

/** Under `*\/*` (not `application/*`) a string example is sent as plain text, anything else as JSON. */
function wildcardText(declared: string, value: unknown): boolean {
  return typeof value === 'string' && isWildcardType(declared) && !declared.trim().toLowerCase().startsWith('application/');
}

/** Names a media type's schema for the example checker's cache: the `$ref` it is, or the place it is written. */
function schemaKey(media: SpecMediaType): string {
  const v = media.schema?.value;
  const ref = typeof v === 'object' && v !== null && Object.keys(v).length === 1 ? (v as { $ref?: unknown }).$ref : undefined;
  return typeof ref === 'string' ? `${media.schema?.loc.file ?? ''}|${ref}` : `${media.schema?.loc.file ?? ''}${media.schema?.loc.pointer ?? ''}`;
}

function textBody(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The response part for `res`, using the example named `exampleName` (or the first one). */
export function buildResponsePart(
  res: SpecResponse,
  exampleName: string | undefined,
  converter: SchemaConverter,
  checker?: ExampleChecker,
): ResponsePart {
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
    let converted: JsonSchema | undefined;
    const responseSchema = (): JsonSchema => (converted ??= converter.toJsonSchema(media.schema!, 'response'));
    /** A body generated from the schema; schema-level examples the sampler copied that break it are left out. */
    const generate = (): unknown => {
      const sampleSchema = converter.toJsonSchema(media.schema!, 'sample');
      const sampled = sampleValue(sampleSchema, { direction: 'response', xml });
      if (!json || !checker || sampled === undefined) return sampled;
      const bare = withoutExamplesIfAny(sampleSchema) as JsonSchema | undefined;
      const plainer = bare === undefined ? undefined : sampleValue(bare, { direction: 'response' });
      if (plainer === undefined || isDeepStrictEqual(plainer, sampled)) return sampled;
      const key = schemaKey(media);
      return checker.problem(responseSchema(), sampled, key) !== undefined && checker.problem(responseSchema(), plainer, key) === undefined ? plainer : sampled;
    };
    if (typeof value === 'string' && json) value = jsonText(value, media.schema ? responseSchema() : undefined, checker, schemaKey(media));
    if (value !== undefined && json && media.schema && checker && exampleName === undefined) {
      const problem = checker.problem(responseSchema(), value, schemaKey(media));
      if (problem !== undefined) {
        // replaced only by a generated body that does fit: otherwise the vendor's example stays
        const generated = generate();
        if (generated !== undefined && checker.problem(responseSchema(), generated, schemaKey(media)) === undefined) {
          notes.push(`the documented example does not fit its schema (${problem}): the body is generated from the schema`);
          value = generated;
        }
      }
    }
    if (xml && value !== undefined && typeof value !== 'string') {
      // the example is data: written as XML under the schema's root element name
      value = exampleAsXml(value, xmlRootName(media.schema ? converter.toJsonSchema(media.schema, 'sample') : undefined));
      if (value === undefined) notes.push(`the ${media.type} example cannot be written as XML; the body is generated from the schema`);
    }
    if (value === undefined && media.schema) value = generate();
    if (value === undefined) {
      notes.push(`no example or schema for ${media.type}: the body is empty`);
    } else {
      body = json && !wildcardText(media.type, value) ? jsonBody(value) : textBody(value);
    }
    const type = isWildcardType(media.type) ? (wildcardText(media.type, value) ? 'text/plain' : 'application/json') : media.type;
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
