/** Builds a request the generated endpoint should accept: path parameters filled in, required query and headers, a fitting body. */
import type { EndpointDefinition } from '../../../src/model/endpoint';
import type { SpecOperation } from '../../../src/openapi/operation-model';
import type { SchemaConverter } from '../../../src/openapi/schema-converter';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { sampleValue } from '../../../src/openapi/sample-value';

const ajv = new Ajv({ strict: false, logger: false, allErrors: true });
addFormats(ajv);

/**
 * Specs require keys they never declare (`required: [expression]` beside `properties: {properties}`),
 * which no sampler can guess; such keys are added as text so the request gets past validation.
 */
function fillRequired(body: unknown, schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || typeof body !== 'object' || body === null) return body;
  const check = ajv.compile(schema);
  for (let round = 0; round < 5 && !check(body); round++) {
    const missing = (check.errors ?? []).filter((e) => e.keyword === 'required');
    if (missing.length === 0) break;
    for (const e of missing) {
      const target = e.instancePath.split('/').slice(1).reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], body);
      if (typeof target === 'object' && target !== null) (target as Record<string, unknown>)[e.params.missingProperty as string] = 'x';
    }
  }
  ajv.removeSchema(schema as object);
  return body;
}

export interface PlannedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

function text(v: unknown): string {
  if (v === undefined || v === null) return 'x';
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function paramSample(op: SpecOperation, where: string, name: string, converter: SchemaConverter): unknown {
  const p = op.parameters.find((x) => x.in === where && x.name === name);
  if (!p?.schema) return undefined;
  return sampleValue(converter.toJsonSchema(p.schema, 'sample'), { direction: 'request' });
}

export function requestFor(op: SpecOperation, def: EndpointDefinition, converter: SchemaConverter): PlannedRequest {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const segments = def.path.split('/').map((seg) => {
    if (!seg.startsWith(':')) return seg;
    const name = seg.slice(1);
    const p = pathParams.find((x) => x.name === name) ?? pathParams.find((x) => x.name.replace(/[^A-Za-z0-9_]/g, '_') === name);
    const value = p ? text(paramSample(op, 'path', p.name, converter)) : 'x';
    return encodeURIComponent(value === '' ? 'x' : value);
  });
  const query: string[] = [];
  for (const p of op.parameters.filter((x) => x.in === 'query' && x.required)) {
    const v = paramSample(op, 'query', p.name, converter);
    const values = Array.isArray(v) ? (p.explode ? v.map(text) : [v.map(text).join(',')]) : [text(v)];
    for (const one of values) query.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(one)}`);
  }
  const headers: Record<string, string> = {};
  for (const p of op.parameters.filter((x) => x.in === 'header' && x.required)) {
    headers[p.name] = text(paramSample(op, 'header', p.name, converter));
  }
  let body: unknown;
  if (def.validate?.body !== undefined) {
    const json = op.requestBody?.content.find((m) => m.schema);
    if (json?.schema) body = fillRequired(sampleValue(converter.toJsonSchema(json.schema, 'sample'), { direction: 'request' }), def.validate.body);
    headers['Content-Type'] = 'application/json';
  }
  const url = segments.join('/') + (query.length > 0 ? `?${query.join('&')}` : '');
  return { method: def.method ?? 'GET', url, headers, body };
}
