/** One operation → its mockdock endpoints: the main answer, plus (with --examples all) one variant per example and status. */
import type { EndpointDefinition, ValidateSpec } from '../model/endpoint';
import type { SpecOperation, SpecResponse } from './operation-model';
import type { SchemaConverter } from './schema-converter';
import type { RefResolver } from './ref-resolver';
import { buildResponsePart } from './response-body';
import { buildValidation, pathParamsSchema } from './request-validation';
import { acceptMatch, preferMatch, VARIANT_PRIORITY } from './prefer-match';
import { splitPathKey, toMockPath } from './base-path';
import { isWildcardType, pickMediaType } from './media-type';
import { pinTemplate, type Pin } from './documented-pins';
import type { ExampleChecker } from './example-check';

export interface BuildContext {
  converter: SchemaConverter;
  resolver: RefResolver;
  examples: 'first' | 'all';
  /** Overrides every operation's own base path when set ('' drops it). */
  basePath?: string;
  /** Names given so far in this output (endpoint names must be unique). */
  names: Set<string>;
  /** Documented examples that contradict their schema are replaced by generated bodies. */
  checker?: ExampleChecker;
}

/** How this one operation is written: pinned to a documented path value, or as the templated fallback of a pinned group. */
export interface BuildVariant {
  pin?: Pin[];
  fallback?: boolean;
  /** Query conditions that tell this operation from another on the same route (`list=true`). */
  query?: Record<string, string>;
}

export interface GeneratedEndpoint {
  def: EndpointDefinition;
  /** Added to the operation's specificity priority. */
  priorityOffset: number;
}

export interface OperationOutput {
  op: SpecOperation;
  path: string;
  comment: string[];
  endpoints: GeneratedEndpoint[];
}

const isSuccess = (code: string) => /^2(\d\d|XX)$/i.test(code);

/** The answer a plain request gets: the first 2xx, else `default` (older specs document success there), else the first. */
function mainResponse(responses: SpecResponse[]): SpecResponse | undefined {
  return (
    responses.find((r) => /^2\d\d$/.test(r.code)) ??
    responses.find((r) => isSuccess(r.code)) ??
    responses.find((r) => r.code === 'default') ??
    responses[0]
  );
}

/** '404' → 404, '4XX' → 400, 'default' → 200 as the main answer or 500 as a variant. */
function statusOf(code: string, main: boolean): number {
  if (/^\d{3}$/.test(code)) return Number(code);
  if (/^[1-5]XX$/i.test(code)) return Number(code[0]) * 100;
  return main ? 200 : 500;
}

function uniqueName(base: string, names: Set<string>): string {
  let name = base;
  for (let i = 2; names.has(name); i++) name = `${base} #${i}`;
  names.add(name);
  return name;
}

function hasTemplateSyntax(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (Array.isArray(value)) return value.some(hasTemplateSyntax);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasTemplateSyntax);
  return false;
}

function endpoint(
  base: { name: string; method: string; path: string },
  res: SpecResponse | undefined,
  status: number,
  exampleName: string | undefined,
  validate: ValidateSpec | undefined,
  ctx: BuildContext,
): { def: EndpointDefinition; notes: string[] } {
  const part = res ? buildResponsePart(res, exampleName, ctx.converter, ctx.checker) : { headers: {}, response: undefined, notes: [] };
  const def: EndpointDefinition = { name: base.name, method: base.method, path: base.path, status };
  if (Object.keys(part.headers).length > 0) def.headers = part.headers;
  if (part.response !== undefined) def.response = part.response;
  if (hasTemplateSyntax(part.response) || hasTemplateSyntax(part.headers)) def.template = false;
  if (validate) def.validate = validate;
  return { def, notes: part.notes };
}

/** Examples after the first (which the plain variant already answers with) of the media type the mock answers with. */
function moreExamples(res: SpecResponse): string[] {
  const media = pickMediaType(res.content);
  return media ? media.examples.slice(1).map((e) => e.name) : [];
}

/** Adds conditions to the endpoint's own (a path key's literal query stays). */
function withMatch(def: EndpointDefinition, match: EndpointDefinition['match']): EndpointDefinition {
  const { name, method, path, match: own, ...rest } = def;
  const merged = own && match ? { ...own, ...match } : own ?? match;
  return merged ? { name, method, path, match: merged, ...rest } : { name, method, path, ...rest };
}

/** OpenAPI names of the parameters that are whole segments of `template` → their names in the mock path. */
function wholeSegments(template: string, renamed: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const seg of template.split('/')) {
    const m = /^\{([^{}]+)\}$/.exec(seg);
    if (m) out.set(m[1], renamed[m[1]] ?? m[1]);
  }
  return out;
}

/** 422 where the document answers invalid requests with 422 and never 400. */
function withStatus(validate: ValidateSpec, op: SpecOperation): ValidateSpec {
  const codes = op.responses.map((r) => r.code);
  return validate.status === undefined && !codes.includes('400') && codes.includes('422') ? { ...validate, status: 422 } : validate;
}

export function buildOperation(op: SpecOperation, ctx: BuildContext, how: BuildVariant = {}): OperationOutput {
  const split = splitPathKey(op.path);
  const query = split.query || how.query ? { ...how.query, ...split.query } : undefined;
  const key = { template: split.template, query };
  const template = how.pin && !how.fallback ? pinTemplate(key.template, how.pin) : key.template;
  const mock = toMockPath(template, ctx.basePath ?? op.basePath);
  const ownName = op.operationId ?? `${op.method} ${op.path}`;
  const baseName = uniqueName(how.fallback ? `${ownName} [any ${how.pin?.[0]?.name ?? 'value'}]` : ownName, ctx.names);
  const base = { name: baseName, method: op.method, path: mock.path };
  const main = mainResponse(op.responses);
  const mainStatus = main ? statusOf(main.code, true) : 200;
  const validation = buildValidation(op, ctx.converter, ctx.resolver);
  const params = pathParamsSchema(op, wholeSegments(template, mock.renamed), ctx.converter);
  if (params) validation.validate = withStatus({ ...validation.validate, params }, op);
  const first = endpoint(base, main, mainStatus, undefined, validation.validate, ctx);
  if (key.query) first.def = withMatch(first.def, { query: key.query });
  const endpoints: GeneratedEndpoint[] = [{ def: first.def, priorityOffset: VARIANT_PRIORITY.main }];

  const notes = [...op.leftOut, ...validation.notes, ...first.notes];
  if (!main) notes.push('no responses are documented: the mock answers 200 with an empty body');
  const media = main?.content.map((m) => m.type) ?? [];
  if (media.length > 1 && ctx.examples === 'first') notes.push(`the mock answers ${first.def.headers?.['Content-Type'] ?? media[0]} only (also documented: ${media.filter((t) => t !== first.def.headers?.['Content-Type']).join(', ')})`);
  for (const seg of mock.loosened) notes.push(`path segment ${seg} matches any value (mockdock parameters are whole segments)`);

  if (ctx.examples === 'all') {
    const variant = (res: SpecResponse, status: number, codes: string[] | undefined, example: string | undefined, offset: number) => {
      const label = [codes ? `code=${codes[0]}` : '', example !== undefined ? `example=${example}` : ''].filter(Boolean).join(', ');
      const name = uniqueName(`${baseName} [${label}]`, ctx.names);
      const validate = status < 400 ? validation.validate : undefined;
      const built = endpoint({ ...base, name }, res, status, example, validate, ctx);
      const own = key.query ? withMatch(built.def, { query: key.query }) : built.def;
      endpoints.push({ def: withMatch(own, preferMatch({ codes, example })), priorityOffset: offset });
    };
    if (main) {
      for (const name of moreExamples(main)) variant(main, mainStatus, undefined, name, VARIANT_PRIORITY.example);
      const answered = pickMediaType(main.content);
      for (const m of main.content) {
        if (m === answered || isWildcardType(m.type)) continue;
        const name = uniqueName(`${baseName} [accept=${m.type}]`, ctx.names);
        const built = endpoint({ ...base, name }, { ...main, content: [m] }, mainStatus, undefined, validation.validate, ctx);
        const own = key.query ? withMatch(built.def, { query: key.query }) : built.def;
        endpoints.push({ def: withMatch(own, acceptMatch(m.type)), priorityOffset: VARIANT_PRIORITY.example });
      }
    }
    const taken = new Set([mainStatus]);
    for (const res of op.responses) {
      if (res === main) continue;
      const status = statusOf(res.code, false);
      if (taken.has(status)) continue;
      taken.add(status);
      const codes = [String(status), ...(res.code !== String(status) ? [res.code] : [])];
      variant(res, status, codes, undefined, VARIANT_PRIORITY.code);
      for (const name of moreExamples(res)) variant(res, status, codes, name, VARIANT_PRIORITY.codeAndExample);
    }
  }

  const comment = [`${op.method} ${op.path}${op.summary ? ` — ${op.summary.replace(/\s+/g, ' ').trim()}` : ''}${op.deprecated ? ' (deprecated)' : ''}`];
  if (how.pin && !how.fallback) {
    const pinned = how.pin.map((p) => `{${p.name}} to "${p.value}"`).join(', ');
    comment.push(`pinned to documented values (other operations share this path template): ${pinned}`);
  }
  if (how.fallback) comment.push(`answers the other values of {${how.pin?.[0]?.name}}: every operation sharing this path template is pinned to a documented value`);
  if (how.fallback) return { op, path: mock.path, comment, endpoints: endpoints.slice(0, 1) };
  if (notes.length > 0) comment.push('not carried over:', ...notes.map((n) => `  - ${n}`));
  // a literal query is a further condition: it ranks above the same path without one
  if (key.query) for (const e of endpoints) e.priorityOffset += VARIANT_PRIORITY.literalQuery;
  return { op, path: mock.path, comment, endpoints };
}
