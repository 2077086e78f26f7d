/** Reads the parts of a Swagger 2.0 operation into the shared (OpenAPI 3 shaped) model. */
import type { RefResolver, Loc } from './ref-resolver';
import { at, derefEntries, isObject } from './ref-resolver';
import type { SpecHeader, SpecMediaType, SpecParameter, SpecRequestBody, SpecResponse } from './operation-model';

const SIMPLE_KEYS = [
  'type', 'format', 'items', 'enum', 'default', 'maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum',
  'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'multipleOf',
];

/** A Swagger 2 non-body parameter or header keeps its schema keywords inline; gather them into a schema. */
export function inlineSchema(holder: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SIMPLE_KEYS) if (holder[key] !== undefined) out[key] = holder[key];
  if (out.type === 'file') return { type: 'string', format: 'binary' };
  if (isObject(out.items)) out.items = inlineSchema(out.items);
  if (holder['x-example'] !== undefined) out.example = holder['x-example'];
  return out;
}

export interface Swagger2Parameters {
  parameters: SpecParameter[];
  requestBody?: SpecRequestBody;
}

/** Splits merged Swagger 2 parameters into query/header/path ones and a request body (`body` or `formData`). */
export function readParameters2(
  raws: Array<{ raw: unknown; loc: Loc }>,
  consumes: string[],
  opLoc: Loc,
  r: RefResolver,
): Swagger2Parameters {
  const parameters: SpecParameter[] = [];
  let requestBody: SpecRequestBody | undefined;
  const form: { properties: Record<string, unknown>; required: string[] } = { properties: {}, required: [] };
  let hasForm = false;
  for (const { raw, loc } of raws) {
    const p = r.deref(raw, loc);
    if (p === null || !isObject(p.value) || typeof p.value.name !== 'string') continue;
    const v = p.value;
    const name = p.value.name;
    if (v.in === 'body') {
      const schema = v.schema === undefined ? undefined : { value: v.schema, loc: at(p.loc, 'schema') };
      const content: SpecMediaType[] = consumes.map((type) => ({ type, schema, examples: [], externalExamples: [], loc: p.loc }));
      requestBody = { required: v.required === true, content, loc: p.loc };
    } else if (v.in === 'formData') {
      hasForm = true;
      // allowEmptyValue: false refuses `name=` (an empty field)
      form.properties[name] = v.allowEmptyValue === false ? { allOf: [inlineSchema(v), { not: { const: '' } }] } : inlineSchema(v);
      if (v.required === true) form.required.push(name);
    } else if (v.in === 'query' || v.in === 'header' || v.in === 'path') {
      const format = typeof v.collectionFormat === 'string' ? v.collectionFormat : 'csv';
      parameters.push({
        name,
        in: v.in,
        required: v.required === true || v.in === 'path',
        schema: { value: inlineSchema(v), loc: p.loc },
        explode: format === 'multi',
        style: format === 'multi' ? 'form' : format,
        viaContent: false,
        ...(v['x-example'] !== undefined ? { example: { value: v['x-example'] } } : {}),
        ...(typeof v.allowEmptyValue === 'boolean' ? { allowEmptyValue: v.allowEmptyValue } : {}),
        loc: p.loc,
      });
    }
  }
  if (hasForm && requestBody === undefined) {
    const type = consumes.includes('multipart/form-data') ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
    const schema = { type: 'object', properties: form.properties, ...(form.required.length ? { required: form.required } : {}) };
    const loc = at(opLoc, 'parameters');
    requestBody = {
      required: form.required.length > 0,
      content: [{ type, schema: { value: schema, loc }, examples: [], externalExamples: [], loc }],
      loc,
    };
  }
  return { parameters, requestBody };
}

function readHeaders2(raw: unknown, loc: Loc): SpecHeader[] {
  if (!isObject(raw)) return [];
  const out: SpecHeader[] = [];
  for (const [name, h] of Object.entries(raw)) {
    if (!isObject(h)) continue;
    const example = h['x-example'] !== undefined ? { value: h['x-example'] } : h.default !== undefined ? { value: h.default } : undefined;
    out.push({ name, required: false, example, schema: { value: inlineSchema(h), loc: at(loc, name) } });
  }
  return out;
}

/** `*\/*` or `text/*` covers `text/plain`. */
function covers(wildcard: string, type: string): boolean {
  const [wt, ws] = wildcard.split(';')[0].trim().toLowerCase().split('/');
  const [tt, ts] = type.split(';')[0].trim().toLowerCase().split('/');
  return (wt === '*' || wt === tt) && (ws === '*' || ws === ts);
}

export function readResponses2(raw: unknown, produces: string[], loc: Loc, r: RefResolver): SpecResponse[] {
  return derefEntries(raw, loc, r).map(({ key: code, value: v, loc: where }) => {
    const schema = v.schema === undefined ? undefined : { value: v.schema, loc: at(where, 'schema') };
    const examples: Record<string, unknown> = isObject(v.examples) ? { ...v.examples } : {};
    const types = [...produces];
    for (const t of Object.keys(examples)) {
      // an example keyed `*/*` belongs to the one produced type that has none of its own
      const open = produces.filter((p) => examples[p] === undefined);
      if (t.includes('*') && open.length === 1 && covers(t, open[0])) {
        examples[open[0]] = examples[t];
        delete examples[t];
      } else if (!types.includes(t)) types.push(t);
    }
    const content: SpecMediaType[] =
      schema === undefined && Object.keys(examples).length === 0
        ? []
        : types.map((type) => ({
            type,
            schema,
            examples: examples[type] !== undefined ? [{ name: 'example', value: examples[type] }] : [],
            externalExamples: [],
            loc: where,
          }));
    return {
      code,
      description: typeof v.description === 'string' ? v.description : '',
      headers: readHeaders2(v.headers, at(where, 'headers')),
      content,
      loc: where,
    };
  });
}
