/**
 * Builds one request per operation straight from a raw OpenAPI/Swagger document, independently of
 * mockdock's generator: its own `$ref` walk, its own base path, json-schema-faker for values, and the
 * document's own parameter styles for serialization.
 */
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ENFORCED_FORMATS } from '../../../src/behaviours/ajv-instances';
import { JSONSchemaFaker } from 'json-schema-faker';
import { isObject } from '../../../src/util/is-object';
import { parsePointer } from '../../../src/util/json-pointer';
import { seeded } from '../../response/support';

type Obj = Record<string, unknown>;
const DOC_ID = 'https://corpus.invalid/doc.json';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

export interface CorpusOperation {
  method: string;
  /** The path key as the document writes it (it may carry a literal query). */
  pathKey: string;
  operationId?: string;
  /** The operation object, `$ref`s unresolved. */
  op: Obj;
  request: { url: string; headers: Record<string, string>; body?: Buffer };
}

export const isObj = isObject;

export function deref(doc: unknown, v: unknown): unknown {
  for (let hops = 0; isObj(v) && typeof v.$ref === 'string' && v.$ref.startsWith('#') && hops < 30; hops++) {
    const ref = v.$ref;
    v = parsePointer(ref.slice(1))
      .filter((t) => t !== '')
      .map((t) => decodeURIComponent(t))
      .reduce<unknown>((node, t) => (isObj(node) || Array.isArray(node) ? (node as Obj)[t] : undefined), doc);
  }
  return v;
}


function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Keywords json-schema-faker or a JSON Schema validator read differently from OpenAPI 3.0 / Swagger 2. */
function plainSchema(v: unknown, refBase = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => plainSchema(x, refBase));
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'example' || k === 'examples' || k === 'discriminator' || k === 'xml' || k.startsWith('x-')) continue;
    out[k] = k === '$ref' && typeof x === 'string' && x.startsWith('#') ? `${refBase}${x}` : plainSchema(x, refBase);
  }
  if (out.type === 'file') out.type = 'string';
  // draft-04 style bounds, which 3.0 documents (and some that say 3.1) use
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else if (typeof out[flag] === 'boolean') delete out[flag];
  }
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  delete out.nullable;
  if (typeof out.required === 'boolean') delete out.required;
  return out;
}

export class RequestBuilder {
  private readonly root: Obj;
  private readonly ajv: Ajv;

  constructor(private readonly doc: Obj) {
    const plain = plainSchema(doc) as Obj;
    this.root = { components: plain.components, definitions: plain.definitions };
    const opts = { strict: false, logger: false as const, validateSchema: false };
    this.ajv = doc.openapi !== undefined && String(doc.openapi).startsWith('3.1') ? new Ajv2020(opts) : new Ajv(opts);
    addFormats(this.ajv, [...ENFORCED_FORMATS]);
    this.ajv.addSchema({ ...(plainSchema(this.root, DOC_ID) as Obj), $id: DOC_ID });
    JSONSchemaFaker.option({
      alwaysFakeOptionals: false,
      optionalsProbability: 0,
      requiredOnly: true,
      failOnInvalidFormat: false,
      failOnInvalidTypes: false,
      useDefaultValue: false,
      useExamplesValue: false,
      minItems: 1,
      maxItems: 2,
      refDepthMax: 4,
      omitNulls: true,
      ignoreMissingRefs: true,
    });
  }

  /** The path part of the first server URL (variables at their defaults) or Swagger 2's basePath. */
  private basePath(item: Obj, op: Obj): string {
    if (this.doc.swagger !== undefined) return typeof this.doc.basePath === 'string' ? this.doc.basePath.replace(/\/+$/, '') : '';
    const servers = [op.servers, item.servers, this.doc.servers].find((s) => Array.isArray(s) && s.length > 0) as Obj[] | undefined;
    const server = servers?.[0];
    if (!isObj(server) || typeof server.url !== 'string') return '';
    const vars = isObj(server.variables) ? server.variables : {};
    const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const v = vars[name];
      return isObj(v) && v.default !== undefined ? String(v.default) : '';
    });
    const pathPart = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/^\/\/[^/]*/, '').replace(/[?#].*$/, '');
    const trimmed = pathPart.replace(/\/+$/, '');
    return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
  }

  /** A value the schema accepts: a documented default/example/enum value when one fits, else a faked one. */
  value(schema: unknown, seed: string, documented: unknown[] = []): unknown {
    const plain = plainSchema(deref(this.doc, schema) ?? {});
    const checked = plainSchema(deref(this.doc, schema) ?? {}, DOC_ID);
    const check = this.ajv.compile(isObj(checked) ? checked : {});
    const s = isObj(schema) ? (deref(this.doc, schema) as Obj) : {};
    const candidates = [...documented, s?.default, s?.example, Array.isArray(s?.enum) ? s.enum[0] : undefined];
    for (const c of candidates) if (c !== undefined && check(c)) return c;
    JSONSchemaFaker.option({ random: seeded(hash(seed)) }); // the same requests every run
    let best: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const v = JSONSchemaFaker.generate({ ...this.root, ...(isObj(plain) ? plain : {}) } as never);
        if (check(v)) return v;
        best ??= v;
      } catch (e) {
        if (process.env.CORPUS_DEBUG) console.log('faker', seed, (e as Error).message);
      }
    }
    return best;
  }

  operations(): CorpusOperation[] {
    const out: CorpusOperation[] = [];
    const paths = isObj(this.doc.paths) ? this.doc.paths : {};
    for (const [pathKey, rawItem] of Object.entries(paths)) {
      const item = deref(this.doc, rawItem);
      if (!isObj(item)) continue;
      for (const method of METHODS) {
        const op = item[method];
        if (!isObj(op)) continue;
        out.push({
          method: method.toUpperCase(),
          pathKey,
          operationId: typeof op.operationId === 'string' && op.operationId !== '' ? op.operationId : undefined,
          op,
          request: this.request(pathKey, item, op, `${method} ${pathKey}`),
        });
      }
    }
    return out;
  }

  private parameters(item: Obj, op: Obj): Obj[] {
    const byKey = new Map<string, Obj>();
    for (const raw of [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
      const p = deref(this.doc, raw);
      if (isObj(p) && typeof p.name === 'string') byKey.set(`${String(p.in)}:${p.name}`, p);
    }
    return [...byKey.values()];
  }

  /** Swagger 2 keeps a non-body parameter's schema keywords on the parameter itself. */
  private paramSchema(p: Obj): unknown {
    if (p.schema !== undefined) return p.schema;
    if (isObj(p.content)) {
      const first = Object.values(p.content)[0];
      return isObj(first) ? first.schema : {};
    }
    const { name: _n, in: _i, required: _r, description: _d, collectionFormat: _c, allowEmptyValue: _a, ...rest } = p;
    return rest;
  }

  private request(pathKey: string, item: Obj, op: Obj, seed: string): CorpusOperation['request'] {
    const params = this.parameters(item, op);
    // a fragment is never sent; a literal query is
    const [pathPart, literalQuery] = pathKey.replace(/#.*$/, '').split('?', 2) as [string, string | undefined];
    const filled = pathPart.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const p = params.find((x) => x.in === 'path' && x.name === name);
      const schema = p ? this.paramSchema(p) : { type: 'string' };
      const s = deref(this.doc, schema);
      const nonEmpty = isObj(s) && (s.type === 'string' || s.type === undefined) ? { allOf: [schema], minLength: 1 } : schema;
      // the documented default/example comes first: where templates overlap, it names the operation
      const own = isObj(s) ? [s.default, p?.example, s.example] : [p?.example];
      const v = this.value(nonEmpty, `${seed} path ${name}`, own.filter((x) => x !== undefined));
      return encodeURIComponent(text(v));
    });
    const query: string[] = literalQuery ? [literalQuery] : [];
    const headers: Record<string, string> = {};
    for (const p of params) {
      if (p.required !== true || (p.in !== 'query' && p.in !== 'header')) continue;
      const v = this.value(this.paramSchema(p), `${seed} ${String(p.in)} ${String(p.name)}`, p.example !== undefined ? [p.example] : []);
      if (p.in === 'header') {
        if (!['accept', 'content-type', 'authorization'].includes(String(p.name).toLowerCase())) headers[String(p.name)] = Array.isArray(v) ? v.map(text).join(',') : text(v);
      } else query.push(...serializeQuery(String(p.name), v, p, this.doc.swagger !== undefined));
    }
    const body = this.body(params, op, seed);
    if (body) headers['Content-Type'] = body.type;
    const url = `${this.basePath(item, op)}${filled}`.replace(/\/{2,}/g, '/') || '/';
    return { url: query.length > 0 ? `${url}?${query.join('&')}` : url, headers, body: body?.bytes };
  }

  private body(params: Obj[], op: Obj, seed: string): { type: string; bytes: Buffer } | undefined {
    if (this.doc.swagger !== undefined) {
      const consumes = (op.consumes ?? this.doc.consumes ?? ['application/json']) as string[];
      const bodyParam = params.find((p) => p.in === 'body');
      if (bodyParam) return this.encode(pickJson(consumes) ?? 'application/json', bodyParam.schema, seed);
      const form = params.filter((p) => p.in === 'formData');
      if (form.length === 0) return undefined;
      const properties = Object.fromEntries(form.map((p) => [p.name as string, this.paramSchema(p)]));
      const required = form.filter((p) => p.required === true).map((p) => p.name as string);
      const type = consumes.includes('multipart/form-data') ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
      return this.encode(type, { type: 'object', properties, ...(required.length ? { required } : {}) }, seed);
    }
    const rb = deref(this.doc, op.requestBody);
    if (!isObj(rb) || !isObj(rb.content)) return undefined;
    const types = Object.keys(rb.content);
    const type =
      pickJson(types) ??
      types.find((t) => t.startsWith('application/x-www-form-urlencoded')) ??
      types.find((t) => t.startsWith('multipart/form-data')) ??
      types[0];
    if (type === undefined) return undefined;
    const media = rb.content[type];
    return this.encode(type.includes('*') ? 'application/json' : type, isObj(media) ? media.schema : undefined, seed);
  }

  private encode(type: string, schema: unknown, seed: string): { type: string; bytes: Buffer } {
    const base = type.split(';')[0].trim().toLowerCase();
    if (schema === undefined) return { type, bytes: Buffer.from(base.includes('json') ? '{}' : 'x') };
    const v = this.value(schema, `${seed} body`);
    if (base === 'application/x-www-form-urlencoded') {
      const pairs = formPairs(v).map(([k, x]) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`);
      return { type, bytes: Buffer.from(pairs.join('&')) };
    }
    if (base === 'multipart/form-data') {
      const boundary = `----corpus${hash(seed).toString(16)}`;
      const parts = formPairs(v).map(
        ([k, x]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`,
      );
      return { type: `multipart/form-data; boundary=${boundary}`, bytes: Buffer.from(`${parts.join('')}--${boundary}--\r\n`) };
    }
    if (base.includes('json')) return { type, bytes: Buffer.from(JSON.stringify(v ?? null)) };
    return { type, bytes: Buffer.from(typeof v === 'string' ? v : JSON.stringify(v ?? 'x')) };
  }
}

function pickJson(types: string[]): string | undefined {
  return types.find((t) => /^application\/json\b/i.test(t)) ?? types.find((t) => /[/+]json\b/i.test(t));
}

function text(v: unknown): string {
  if (v === undefined || v === null) return 'x';
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Form fields as name/value pairs: arrays repeat the name, objects travel as JSON text. */
function formPairs(v: unknown): Array<[string, string]> {
  if (!isObj(v)) return [];
  const out: Array<[string, string]> = [];
  for (const [k, x] of Object.entries(v)) {
    if (Array.isArray(x)) for (const item of x) out.push([k, text(item)]);
    else out.push([k, text(x)]);
  }
  return out;
}

/** A query parameter as OpenAPI's style/explode (or Swagger 2's collectionFormat) writes it. */
function serializeQuery(name: string, v: unknown, p: Obj, swagger2: boolean): string[] {
  const enc = encodeURIComponent;
  const style = swagger2 ? ({ multi: 'form', pipes: 'pipeDelimited', ssv: 'spaceDelimited' } as Obj)[String(p.collectionFormat ?? 'csv')] ?? 'form' : String(p.style ?? 'form');
  const explode = swagger2 ? p.collectionFormat === 'multi' : typeof p.explode === 'boolean' ? p.explode : style === 'form';
  if (Array.isArray(v)) {
    if (explode && style === 'form') return v.map((x) => `${enc(name)}=${enc(text(x))}`);
    const sep = style === 'pipeDelimited' ? '|' : style === 'spaceDelimited' ? ' ' : swagger2 && p.collectionFormat === 'tsv' ? '\t' : ',';
    return [`${enc(name)}=${enc(v.map(text).join(sep))}`];
  }
  if (isObj(v)) {
    if (style === 'deepObject') return Object.entries(v).map(([k, x]) => `${enc(`${name}[${k}]`)}=${enc(text(x))}`);
    if (explode) return Object.entries(v).map(([k, x]) => `${enc(k)}=${enc(text(x))}`);
    return [`${enc(name)}=${enc(Object.entries(v).flatMap(([k, x]) => [k, text(x)]).join(','))}`];
  }
  return [`${enc(name)}=${enc(text(v))}`];
}
