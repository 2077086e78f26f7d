/** The `validate` block of an endpoint: request body, query and header rules carried over from the operation. */
import type { ValidateSpec } from '../model/endpoint';
import type { SpecOperation, SpecParameter } from './operation-model';
import type { SchemaConverter, JsonSchema } from './schema-converter';
import type { RefResolver } from './ref-resolver';
import { isObject } from './ref-resolver';
import { isFormType, isJsonType } from './media-type';
import { serializedParam } from './param-serialization';

/** Headers OpenAPI says to describe elsewhere (content negotiation, security), so they are never validated. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** Matches only an absent body: undefined has none of the JSON types. */
const NO_BODY = { not: { type: ['object', 'array', 'string', 'number', 'boolean', 'null'] } };

/** The spec lets the body be left out: accept no body, or one that fits (`$defs` stay at the root for the `$ref`s). */
function optionalBody(schema: JsonSchema): Record<string, unknown> {
  if (typeof schema === 'boolean' || schema.$defs === undefined) return { anyOf: [schema, NO_BODY] };
  const { $defs, ...rest } = schema;
  return { anyOf: [rest, NO_BODY], $defs };
}

export interface ValidationPart {
  validate?: ValidateSpec;
  notes: string[];
}

/** `$ref`s resolve from the schema root, so a property's `$defs` move up (names are unique per output). */
function hoistDefs(schema: JsonSchema, into: Record<string, unknown>): JsonSchema {
  if (typeof schema === 'boolean' || !isObject(schema.$defs)) return schema;
  const { $defs, ...rest } = schema;
  Object.assign(into, $defs);
  return rest;
}

function paramsSchema(params: SpecParameter[], converter: SchemaConverter, notes: string[], lower: boolean) {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const defs: Record<string, unknown> = {};
  for (const p of params) {
    if (p.viaContent) {
      notes.push(`${p.in} parameter ${p.name} is a serialized document (content): not validated`);
      continue;
    }
    const schema = p.schema ? hoistDefs(converter.toJsonSchema(p.schema, 'request'), defs) : {};
    const serialized = serializedParam(p, schema, defs);
    notes.push(...serialized.notes);
    for (const field of serialized.fields) {
      const name = lower ? field.name.toLowerCase() : field.name;
      // the first parameter to claim a key keeps it (an exploded object may repeat a plain one's name)
      if (Object.prototype.hasOwnProperty.call(properties, name)) continue;
      properties[name] = field.schema;
      if (field.required) required.push(name);
    }
  }
  if (Object.keys(properties).length === 0) return undefined;
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}),
  };
}

/**
 * A form carries text fields: a field the schema types as an object or a list of objects (sent as
 * JSON text in a multipart part) cannot be checked by its schema, so it is left unchecked.
 */
function formFieldsSchema(schema: JsonSchema, notes: string[]): JsonSchema {
  if (typeof schema === 'boolean') return schema;
  const defs = isObject(schema.$defs) ? schema.$defs : {};
  const resolve = (node: unknown): Record<string, unknown> => {
    let cur = node;
    for (let hops = 0; isObject(cur) && typeof cur.$ref === 'string' && hops < 20; hops++) cur = defs[cur.$ref.replace(/^#\/\$defs\//, '')];
    return isObject(cur) ? cur : {};
  };
  const top = resolve(schema);
  if (!isObject(top.properties)) return schema;
  const typeOf = (node: Record<string, unknown>) => (Array.isArray(node.type) ? node.type : [node.type]);
  const properties: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(top.properties)) {
    const node = resolve(sub);
    const nested = typeOf(node).includes('object') || (typeOf(node).includes('array') && typeOf(resolve(node.items)).includes('object'));
    if (nested) notes.push(`form field ${name} holds an object: not validated`);
    properties[name] = nested ? {} : sub;
  }
  const { $defs: _own, ...rest } = top;
  return { ...rest, properties, ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}) };
}

/** A schema that says no more than "text" checks nothing in a path segment. */
function trivial(schema: JsonSchema): boolean {
  if (typeof schema === 'boolean') return schema;
  const keys = Object.keys(schema).filter((k) => k !== 'format' || !['uuid', 'date', 'date-time', 'email', 'uri', 'ipv4', 'ipv6', 'byte'].includes(String(schema.format)));
  return keys.length === 0 || (keys.length === 1 && schema.type === 'string');
}

/**
 * `validate.params` from the path parameters that say more than "text" (`pattern`, integer, enum):
 * keyed by the names the mock path uses. `segments` maps OpenAPI names to those names; a parameter
 * that is not a whole segment, or is pinned to a literal, is not there.
 */
export function pathParamsSchema(op: SpecOperation, segments: Map<string, string>, converter: SchemaConverter): Record<string, unknown> | undefined {
  const properties: Record<string, JsonSchema> = {};
  const defs: Record<string, unknown> = {};
  for (const p of op.parameters) {
    const name = p.in === 'path' ? segments.get(p.name) : undefined;
    if (name === undefined || !p.schema || p.viaContent) continue;
    const schema = converter.toJsonSchema(p.schema, 'request');
    if (trivial(schema)) continue;
    properties[name] = hoistDefs(schema, defs);
  }
  if (Object.keys(properties).length === 0) return undefined;
  return { type: 'object', properties, ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}) };
}

/** Query, header and JSON body rules; what cannot be expressed is named in `notes`. */
export function buildValidation(op: SpecOperation, converter: SchemaConverter, r: RefResolver): ValidationPart {
  const notes: string[] = [];
  const validate: ValidateSpec = {};
  const body = op.requestBody;
  if (body && body.content.length > 0) {
    const readable = body.content.filter((m) => isJsonType(m.type) || isFormType(m.type));
    const other = body.content.filter((m) => !readable.includes(m)).map((m) => m.type);
    // JSON is checked as it is, form fields (text) with coercion: one schema serves both
    const chosen = readable.find((m) => isJsonType(m.type)) ?? readable[0];
    if (other.length > 0) {
      notes.push(`request body not validated: it may be sent as ${other.join(', ')}`);
    } else if (chosen?.schema) {
      let schema = converter.toJsonSchema(chosen.schema, 'request');
      if (isFormType(chosen.type)) schema = formFieldsSchema(schema, notes);
      if (body.required) validate.body = schema as ValidateSpec['body'];
      else validate.body = optionalBody(schema);
    }
  }
  const query = paramsSchema(op.parameters.filter((p) => p.in === 'query'), converter, notes, false);
  if (query) validate.query = query;
  const headerParams = op.parameters.filter((p) => p.in === 'header' && !IGNORED_HEADERS.has(p.name.toLowerCase()));
  const headers = paramsSchema(headerParams, converter, notes, true);
  if (headers) validate.headers = headers;
  const cookies = op.parameters.filter((p) => p.in === 'cookie').map((p) => p.name);
  if (cookies.length > 0) notes.push(`cookie parameters are not validated: ${cookies.join(', ')}`);
  if (Object.keys(validate).length === 0) return { notes };
  const codes = op.responses.map((res) => res.code);
  if (!codes.includes('400') && codes.includes('422')) validate.status = 422;
  return { validate, notes };
}
