/**
 * `mockdock import mockoon FILE`: a Mockoon environment → one endpoint file in route order (Mockoon's
 * precedence: the first route that matches, then the first response whose rules hold, else the default).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EndpointDefinition, FailureSpec, SequenceStep } from '../../model/endpoint';
import { supportsKey } from '../../writer/capabilities';
import type { RenderBlock } from '../../writer/render-yaml';
import { type Endpoint, type ImportContext, type ImportPlan, Notes } from '../import-plan';
import { answerOf } from './mockoon-answer';
import type { Ctx, Env, MockoonResponse, MockoonRoute } from './mockoon-model';
import { type Variant, variantsOf } from './mockoon-rules';
import { type RoutePath, routePath } from './mockoon-path';

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
  if (!(c.ctx.supports ?? supportsKey)('crud')) {
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
