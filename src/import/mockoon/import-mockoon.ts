/**
 * `mockdock import mockoon FILE`: a Mockoon environment → one endpoint file in route order (Mockoon's
 * precedence: the first route that matches, then the first response whose rules hold, else the default).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EndpointDefinition, FailureSpec, SequenceStep } from '../../model/endpoint';
import { supportsKey } from '../../writer/capabilities';
import type { RenderBlock } from '../../writer/render-yaml';
import { type Endpoint, type ImportContext, type ImportPlan, Notes } from '../import-plan';
import { translateTemplate } from '../template-translate';
import { mockoonRewriter } from './mockoon-template';
import { type MockoonRule, type Variant, variantsOf } from './mockoon-rules';
import { type RoutePath, routePath } from './mockoon-path';

type Obj = Record<string, unknown>;

interface MockoonResponse {
  uuid?: string;
  label?: string;
  body?: string;
  latency?: number;
  statusCode?: number;
  headers?: { key: string; value: string }[];
  bodyType?: 'INLINE' | 'FILE' | 'DATABUCKET';
  filePath?: string;
  databucketID?: string;
  rules?: MockoonRule[];
  rulesOperator?: 'OR' | 'AND';
  disableTemplating?: boolean;
  default?: boolean;
  crudKey?: string;
}

interface MockoonRoute {
  uuid?: string;
  type?: string;
  method?: string;
  endpoint?: string;
  documentation?: string;
  responses?: MockoonResponse[];
  responseMode?: string | null;
  enabled?: boolean;
}

interface Env {
  name?: string;
  endpointPrefix?: string;
  latency?: number;
  headers?: { key: string; value: string }[];
  routes?: MockoonRoute[];
  rootChildren?: { type: string; uuid: string }[];
  folders?: { uuid: string; children: { type: string; uuid: string }[] }[];
  data?: { id: string; name: string; value: string }[];
}

interface Ctx {
  file: string;
  env: Env;
  ctx: ImportContext;
  notes: Notes;
  bodies: Map<string, Buffer>;
}

/** Routes in the order Mockoon's UI shows and serves them (folders expanded), falling back to the list order. */
function orderedRoutes(env: Env): MockoonRoute[] {
  const routes = env.routes ?? [];
  const ids = new Set(routes.map((r) => r.uuid).filter((id) => id));
  // Samples exported with blank uuids cannot be ordered by rootChildren: the list order is then the order.
  if (!Array.isArray(env.rootChildren) || env.rootChildren.length === 0 || ids.size !== routes.length) return routes;
  const byId = new Map(routes.map((r) => [r.uuid, r]));
  const folders = new Map((env.folders ?? []).map((f) => [f.uuid, f]));
  const out: MockoonRoute[] = [];
  const walk = (children: { type: string; uuid: string }[]) => {
    for (const c of children) {
      if (c.type === 'route' && byId.has(c.uuid)) out.push(byId.get(c.uuid)!);
      else if (c.type === 'folder' && folders.has(c.uuid)) walk(folders.get(c.uuid)!.children ?? []);
    }
  };
  walk(env.rootChildren);
  for (const r of routes) if (!out.includes(r)) out.push(r);
  return out;
}

function headersOf(env: Env, res: MockoonResponse): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const { key, value } of [...(env.headers ?? []), ...(res.headers ?? [])]) {
    if (!key) continue;
    const existing = Object.keys(out).find((k) => k.toLowerCase() === key.toLowerCase());
    if (existing) delete out[existing];
    out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The answer part of an endpoint: status, headers, body (inline, file or data bucket), latency, template. */
function answerOf(c: Ctx, route: MockoonRoute, res: MockoonResponse, rp: RoutePath, stub: string): Endpoint | undefined {
  const out: Endpoint = { status: res.statusCode ?? 200 } as Endpoint;
  const headers = headersOf(c.env, res);
  if (headers) out.headers = headers;
  const latency = (c.env.latency ?? 0) + (res.latency ?? 0);
  if (latency > 0) out.latency_ms = latency;
  const templating = !res.disableTemplating;
  let text: string | undefined;
  if (res.bodyType === 'FILE') {
    const file = res.filePath ? path.resolve(path.dirname(c.file), res.filePath) : '';
    if (!file || !existsSync(file)) {
      c.notes.add(stub, `file body ${res.filePath ?? ''}`, 'the file is not there; the response is left out');
      return undefined;
    }
    const content = readFileSync(file);
    const name = `${(route.uuid || 'route').slice(0, 8)}-${path.basename(file)}`;
    c.bodies.set(name, content);
    out.body_file = `${c.ctx.bodyPrefix}/${name}`;
    if (content.includes('{{')) {
      if (templating) c.notes.add(stub, 'a templated file body', 'its helpers are not translated; it is served as written');
      out.template = false;
    }
    return out;
  }
  if (res.bodyType === 'DATABUCKET') {
    const bucket = (c.env.data ?? []).find((d) => d.id === res.databucketID);
    if (!bucket) {
      c.notes.add(stub, `data bucket ${res.databucketID ?? ''}`, 'no such bucket in the environment; the response is left out');
      return undefined;
    }
    text = bucket.value;
  } else text = res.body ?? '';
  if (text === '') return out;
  if (templating && text.includes('{{')) {
    const t = translateTemplate(text, mockoonRewriter(new Set(rp.params)));
    if (t.ok) text = t.text;
    else {
      c.notes.add(stub, 'a response template', `${t.tag} has no mockdock counterpart; the body is served as written`);
      out.template = false;
    }
  } else if (text.includes('{{')) out.template = false;
  out.response = text;
  return out;
}

function endpointFor(base: { method: string; rp: RoutePath }, variant: Variant | undefined, answer: Endpoint, name: string): Endpoint {
  let p = base.rp.path;
  let fixed: Endpoint = answer;
  for (const [k, v] of Object.entries(variant?.params ?? {})) {
    p = p.replace(`:${k}`, encodeURIComponent(v));
    // The parameter is now a literal segment: templates that named it get its value.
    if (typeof fixed.response === 'string' && fixed.template !== false) fixed = { ...fixed, response: fixed.response.split(`{{params.${k}}}`).join(v) };
  }
  const e: Endpoint = { name, method: variant?.method ?? base.method, path: p } as Endpoint;
  if (variant && Object.keys(variant.match).length > 0) e.match = variant.match;
  return Object.assign(e, fixed);
}

function stepOf(answer: Endpoint): SequenceStep {
  const step: SequenceStep = { status: answer.status };
  if (answer.headers) step.headers = answer.headers;
  if (answer.response !== undefined) step.response = answer.response;
  if (answer.latency_ms !== undefined) step.latency_ms = answer.latency_ms;
  return step;
}

function crudEndpoint(c: Ctx, route: MockoonRoute, rp: RoutePath, stub: string): Endpoint | undefined {
  const res = (route.responses ?? [])[0];
  const bucket = (c.env.data ?? []).find((d) => d.id === res?.databucketID);
  if (!supportsKey('crud')) {
    c.notes.add(stub, 'a CRUD route', 'this mockdock has no crud key yet');
    return undefined;
  }
  let seed: unknown = [];
  if (bucket) {
    try {
      seed = JSON.parse(bucket.value);
    } catch {
      c.notes.add(stub, `data bucket ${bucket.name}`, 'its value is a template or not JSON; the collection starts empty');
    }
  }
  return { path: rp.path, crud: { seed: Array.isArray(seed) ? seed : [], id: res?.crudKey ?? 'id' } } as Endpoint;
}

function routeEndpoints(c: Ctx, route: MockoonRoute, names: Set<string>): Endpoint[] {
  const method = (route.method ?? 'get').toUpperCase() === 'ALL' ? 'ANY' : (route.method ?? 'get').toUpperCase();
  const stubBase = `${route.type === 'crud' ? 'CRUD' : method} /${route.endpoint ?? ''}`;
  if (route.enabled === false) {
    c.notes.add(stubBase, 'a disabled route', 'Mockoon does not serve it either');
    return [];
  }
  const rp = routePath(c.env.endpointPrefix ?? '', route.endpoint ?? '');
  if (typeof rp === 'string') {
    c.notes.add(stubBase, 'the route path', rp);
    return [];
  }
  if (rp.widened) c.notes.add(stubBase, 'the route path', rp.widened);
  if (route.type === 'crud') return [crudEndpoint(c, route, rp, stubBase)].filter((e): e is Endpoint => e !== undefined);
  if (route.type && route.type !== 'http') {
    c.notes.add(stubBase, `a ${route.type} route`, 'mockdock imports HTTP routes only');
    return [];
  }
  const responses = route.responses ?? [];
  const unique = (label: string) => {
    let n = label;
    for (let i = 2; names.has(n); i++) n = `${label} #${i}`;
    names.add(n);
    return n;
  };
  const stubOf = (r: MockoonResponse, i: number) => `${stubBase} response ${i + 1}${r.label ? ` (${r.label})` : ''}`;
  const answers = responses.map((r, i) => answerOf(c, route, r, rp, stubOf(r, i)));
  const defaultIndex = Math.max(0, responses.findIndex((r) => r.default));
  const base = { method, rp };
  const mode = route.responseMode ?? null;

  if (mode === 'SEQUENTIAL' && responses.length > 1) {
    if (answers.some((a) => a === undefined || a.body_file !== undefined)) {
      c.notes.add(stubBase, 'sequential responses', 'a file or missing body cannot be a sequence step; only the default response is kept');
    } else {
      const templated = answers.some((a) => a!.template === false);
      const e: Endpoint = { name: unique(stubBase), method, path: rp.path, sequence: answers.map((a) => stepOf(a!)) } as Endpoint;
      if (templated) e.template = false;
      return [e];
    }
  }
  if (mode === 'RANDOM' && responses.length > 1) {
    const ok = answers.filter((a) => a && (a.status ?? 200) < 400);
    const failing = answers.filter((a) => a && (a.status ?? 200) >= 400 && a.body_file === undefined);
    if (ok.length === 1 && failing.length === answers.length - 1) {
      const failure: FailureSpec[] = failing.map((a) => ({ kind: 'status', status: a!.status, ...(a!.response !== undefined ? { response: a!.response } : {}), ...(a!.headers ? { headers: a!.headers } : {}), weight: 1 }));
      return [{ ...endpointFor(base, undefined, ok[0]!, unique(stubBase)), failure_rate: failing.length / answers.length, failure } as Endpoint];
    }
    c.notes.add(stubBase, 'random responses', 'only one success and error statuses map (to failure_rate); the default response is kept');
  }
  const out: Endpoint[] = [];
  if (mode !== 'DISABLE_RULES' && mode !== 'SEQUENTIAL' && mode !== 'RANDOM') {
    responses.forEach((r, i) => {
      if (i === defaultIndex && mode !== 'FALLBACK') return;
      if (!r.rules || r.rules.length === 0) {
        if (i !== defaultIndex) c.notes.add(stubOf(r, i), 'a response without rules', 'Mockoon never picks it in this mode');
        return;
      }
      const { variants, problems } = variantsOf(r.rules, r.rulesOperator, new Set(rp.params));
      for (const p of problems) c.notes.add(stubOf(r, i), p.split(':')[0], p.slice(p.indexOf(':') + 2));
      const answer = answers[i];
      if (!answer) return;
      for (const v of variants) out.push(endpointFor(base, v, answer, unique(stubOf(r, i))));
    });
  }
  const fallback = answers[defaultIndex];
  if (mode !== 'FALLBACK' && fallback) out.push(endpointFor(base, undefined, fallback, unique(stubOf(responses[defaultIndex], defaultIndex))));
  return out;
}

export function importMockoon(src: string, ctx: ImportContext): ImportPlan {
  const env = JSON.parse(readFileSync(src, 'utf8')) as Env;
  if (!Array.isArray(env.routes)) throw new Error(`${src} is not a Mockoon environment: it has no routes list`);
  const label = path.basename(src);
  const c: Ctx = { file: src, env, ctx, notes: new Notes(label), bodies: new Map() };
  const names = new Set<string>();
  const blocks: RenderBlock[] = [];
  let stubs = 0;
  for (const route of orderedRoutes(env)) {
    stubs += Math.max(1, (route.responses ?? []).length);
    const endpoints = routeEndpoints(c, route, names) as EndpointDefinition[];
    if (endpoints.length > 0) blocks.push({ comment: [route.documentation || `${(route.method ?? 'get').toUpperCase()} /${route.endpoint ?? ''}`], endpoints });
  }
  const plan: ImportPlan = { files: [], bodies: [...c.bodies.entries()].map(([name, content]) => ({ name, content })), notes: c.notes.list, stubs };
  if (blocks.length > 0) {
    const stem = (env.name ?? path.basename(src, path.extname(src))).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'mockoon';
    plan.files.push({ name: `${stem}.yaml`, header: [`Imported by \`mockdock import mockoon\` from ${label} (${env.name ?? 'environment'}).`, 'Routes in Mockoon\'s order; within a route, responses with rules first, the default last.'], blocks });
  }
  return plan;
}
