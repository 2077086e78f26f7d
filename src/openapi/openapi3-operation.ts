/** Reads the parts of an OpenAPI 3.x operation (parameters, request body, responses) into the shared model. */
import type { RefResolver, Loc, Located } from './ref-resolver';
import { at, derefEntries, isObject } from './ref-resolver';
import type { SpecExample, SpecHeader, SpecMediaType, SpecParameter, SpecRequestBody, SpecResponse } from './operation-model';

function schemaAt(holder: Record<string, unknown>, loc: Loc): Located | undefined {
  return holder.schema === undefined ? undefined : { value: holder.schema, loc: at(loc, 'schema') };
}

/** `example` and `examples` of a media type, parameter or header, in document order. */
export function readExamples(
  holder: Record<string, unknown>,
  loc: Loc,
  r: RefResolver,
): { examples: SpecExample[]; external: string[] } {
  const examples: SpecExample[] = [];
  const external: string[] = [];
  if (holder.example !== undefined) examples.push({ name: 'example', value: holder.example });
  if (isObject(holder.examples)) {
    for (const [name, raw] of Object.entries(holder.examples)) {
      const ex = r.deref(raw, at(loc, 'examples', name));
      if (ex === null || !isObject(ex.value)) continue;
      if (ex.value.value !== undefined) examples.push({ name, value: ex.value.value });
      else if (typeof ex.value.externalValue === 'string') external.push(name);
    }
  }
  return { examples, external };
}

export function readContent(content: unknown, loc: Loc, r: RefResolver): SpecMediaType[] {
  if (!isObject(content)) return [];
  const out: SpecMediaType[] = [];
  for (const [type, raw] of Object.entries(content)) {
    const mloc = at(loc, type);
    if (!isObject(raw)) {
      out.push({ type, examples: [], externalExamples: [], loc: mloc });
      continue;
    }
    const { examples, external } = readExamples(raw, mloc, r);
    out.push({ type, schema: schemaAt(raw, mloc), examples, externalExamples: external, loc: mloc });
  }
  return out;
}

export function readParameter3(raw: unknown, loc: Loc, r: RefResolver): SpecParameter | null {
  const p = r.deref(raw, loc);
  if (p === null || !isObject(p.value) || typeof p.value.name !== 'string') return null;
  const v = p.value;
  const name = p.value.name;
  const where = v.in === 'query' || v.in === 'header' || v.in === 'path' || v.in === 'cookie' ? v.in : null;
  if (where === null) return null;
  const style = typeof v.style === 'string' ? v.style : where === 'query' || where === 'cookie' ? 'form' : 'simple';
  const explode = typeof v.explode === 'boolean' ? v.explode : style === 'form';
  let schema = schemaAt(v, p.loc);
  const viaContent = schema === undefined && isObject(v.content);
  if (viaContent) {
    const first = readContent(v.content, at(p.loc, 'content'), r)[0];
    schema = first?.schema;
  }
  const { examples } = readExamples(v, p.loc, r);
  return {
    name,
    in: where,
    required: v.required === true || where === 'path',
    schema,
    explode,
    style,
    viaContent,
    ...(examples.length > 0 ? { example: { value: examples[0].value } } : {}),
    ...(typeof v.allowEmptyValue === 'boolean' ? { allowEmptyValue: v.allowEmptyValue } : {}),
    loc: p.loc,
  };
}

export function readRequestBody3(raw: unknown, loc: Loc, r: RefResolver): SpecRequestBody | undefined {
  if (raw === undefined) return undefined;
  const b = r.deref(raw, loc);
  if (b === null || !isObject(b.value)) return undefined;
  return { required: b.value.required === true, content: readContent(b.value.content, at(b.loc, 'content'), r), loc: b.loc };
}

function readHeader3(name: string, raw: unknown, loc: Loc, r: RefResolver): SpecHeader | null {
  const h = r.deref(raw, loc);
  if (h === null || !isObject(h.value)) return null;
  const { examples } = readExamples(h.value, h.loc, r);
  const schema = schemaAt(h.value, h.loc);
  let example = examples[0] ? { value: examples[0].value } : undefined;
  if (example === undefined && schema !== undefined) {
    const s = r.deref(schema.value, schema.loc, true);
    if (s !== null && isObject(s.value)) {
      if (s.value.example !== undefined) example = { value: s.value.example };
      else if (Array.isArray(s.value.examples) && s.value.examples.length > 0) example = { value: s.value.examples[0] };
      else if (s.value.default !== undefined) example = { value: s.value.default };
    }
  }
  return { name, required: h.value.required === true, example, schema };
}

export function readResponses3(raw: unknown, loc: Loc, r: RefResolver): SpecResponse[] {
  return derefEntries(raw, loc, r).map(({ key: code, value, loc: where }) => {
    const headers: SpecHeader[] = [];
    if (isObject(value.headers)) {
      for (const [name, h] of Object.entries(value.headers)) {
        const header = readHeader3(name, h, at(where, 'headers', name), r);
        if (header) headers.push(header);
      }
    }
    return {
      code,
      description: typeof value.description === 'string' ? value.description : '',
      headers,
      content: readContent(value.content, at(where, 'content'), r),
      loc: where,
    };
  });
}
