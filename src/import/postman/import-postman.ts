/**
 * `mockdock import postman FILE`: a Postman collection v2.1 → endpoint files, one per folder. Each saved
 * example is an endpoint that answers its `originalRequest` (method, path, query; the JSON body where
 * several examples share a route), as Postman's mock servers do; the more conditions, the higher it ranks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EndpointDefinition } from '../../model/endpoint';
import type { RenderBlock } from '../../writer/render-yaml';
import { type Endpoint, type ImportContext, type ImportPlan, Notes } from '../import-plan';
import { translateTemplate } from '../template-translate';
import { postmanRewriter } from './postman-variables';

type KV = { key: string; value?: string | null; disabled?: boolean };
interface PmUrl { raw?: string; path?: string[] | string; query?: KV[]; variable?: KV[] }
interface PmRequest { method?: string; url?: PmUrl | string; header?: KV[]; body?: { mode?: string; raw?: string; options?: { raw?: { language?: string } } } }
interface PmResponse { name?: string; originalRequest?: PmRequest; code?: number; status?: string; header?: KV[] | null; body?: string | null; _postman_previewlanguage?: string }
interface PmItem { name?: string; item?: PmItem[]; request?: PmRequest | string; response?: PmResponse[] }

const SKIPPED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'content-encoding', 'date', 'keep-alive', 'set-cookie']);

function urlOf(req: PmRequest | undefined): PmUrl {
  const url = req?.url;
  if (typeof url !== 'string') return url ?? {};
  const noHost = url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/^\{\{[^}]+\}\}/, '');
  const [p, q] = noHost.split('?');
  return { raw: url, path: p.split('/').filter(Boolean), query: q ? [...new URLSearchParams(q)].map(([key, value]) => ({ key, value })) : [] };
}

/** Path segments: `:id` with a saved value → that value; `:id` without, or `{{var}}` → a parameter. */
function pathOf(url: PmUrl): { path: string; problem?: string } {
  const segs = typeof url.path === 'string' ? url.path.split('/').filter(Boolean) : (url.path ?? []);
  const vars = new Map((url.variable ?? []).map((v) => [v.key, v.value]));
  const used = new Set<string>();
  const out = segs.map((seg) => {
    const param = /^:(\w+)$/.exec(seg) ?? /^\{\{(\w+)\}\}$/.exec(seg);
    if (param) {
      const value = vars.get(param[1]);
      if (seg.startsWith(':') && value) return encodeURIComponent(value);
      let name = param[1].replace(/^[^A-Za-z_]/, '_');
      while (used.has(name)) name = `${name}_`;
      used.add(name);
      return `:${name}`;
    }
    if (seg.includes('{{')) return undefined;
    return seg.replace(/^:/, '%3A').replace(/\*/g, '%2A');
  });
  if (out.some((s) => s === undefined)) return { path: '', problem: `a path segment mixes text and a {{variable}} (${segs.join('/')})` };
  return { path: `/${out.join('/')}` };
}

function jsonOf(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

interface Example { endpoint: Endpoint; key: string; body: unknown; folder: string; comment: string }

function exampleOf(notes: Notes, folder: string, item: PmItem, ex: PmResponse, requestText: PmRequest | undefined): Example | undefined {
  const stub = `${item.name ?? 'request'} / ${ex.name ?? 'example'}`;
  const orig = ex.originalRequest ?? requestText;
  const url = urlOf(orig);
  const p = pathOf(url);
  if (p.problem) {
    notes.add(stub, 'the URL', p.problem);
    return undefined;
  }
  const method = (orig?.method ?? 'GET').toUpperCase();
  const e: Endpoint = { name: stub, method, path: p.path } as Endpoint;
  const query: Record<string, string> = {};
  for (const q of url.query ?? []) if (!q.disabled && q.key) query[q.key] = q.value ?? '';
  if (Object.keys(query).length > 0) e.match = { query };
  e.status = ex.code ?? 200;
  const headers: Record<string, string> = {};
  for (const h of ex.header ?? []) if (h.key && !h.disabled && !SKIPPED_HEADERS.has(h.key.toLowerCase())) headers[h.key] = h.value ?? '';
  if (ex._postman_previewlanguage === 'json' && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  if (Object.keys(headers).length > 0) e.headers = headers;
  let body = ex.body ?? '';
  if (body.includes('{{')) {
    const t = translateTemplate(body, postmanRewriter);
    if (t.ok) body = t.text;
    else {
      notes.add(stub, 'a variable in the body', `${t.tag} has no mockdock counterpart; the body is served as written`);
      e.template = false;
    }
  }
  if (body !== '') e.response = body;
  const reqBody = orig?.body?.mode === 'raw' ? jsonOf(orig.body.raw) : undefined;
  return { endpoint: e, key: `${method} ${p.path}`, body: reqBody, folder, comment: `${item.name ?? 'request'}: example "${ex.name ?? ''}"` };
}

function walk(notes: Notes, items: PmItem[], folder: string, out: Example[], count: { stubs: number }): void {
  for (const item of items) {
    if (Array.isArray(item.item)) {
      walk(notes, item.item, folder ? `${folder}/${item.name ?? 'folder'}` : item.name ?? 'folder', out, count);
      continue;
    }
    const examples = item.response ?? [];
    count.stubs += Math.max(1, examples.length);
    if (examples.length === 0) {
      notes.add(item.name ?? 'request', 'a request without saved examples', 'Postman mocks answer only saved examples');
      continue;
    }
    const req = typeof item.request === 'string' ? { url: item.request } : item.request;
    for (const ex of examples) {
      const made = exampleOf(notes, folder, item, ex, req);
      if (made) out.push(made);
    }
  }
}

function fileStem(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'collection';
}

export function importPostman(src: string, _ctx: ImportContext): ImportPlan {
  const doc = JSON.parse(readFileSync(src, 'utf8')) as { info?: { name?: string; schema?: string }; item?: PmItem[] };
  if (!Array.isArray(doc.item)) throw new Error(`${src} is not a Postman collection: it has no item list`);
  if (doc.info?.schema && !/v2\.[01]/.test(doc.info.schema)) throw new Error(`${src} is a Postman collection of schema ${doc.info.schema}; export it as v2.1`);
  const label = path.basename(src);
  const notes = new Notes(label);
  const examples: Example[] = [];
  const count = { stubs: 0 };
  walk(notes, doc.item, '', examples, count);
  // Examples that share a route are told apart by their JSON body, as Postman's body matching does.
  const perRoute = new Map<string, number>();
  for (const ex of examples) perRoute.set(ex.key, (perRoute.get(ex.key) ?? 0) + 1);
  const names = new Set<string>();
  const byFile = new Map<string, RenderBlock[]>();
  const collection = fileStem(doc.info?.name ?? path.basename(src, path.extname(src)));
  for (const ex of examples) {
    const e = ex.endpoint;
    if (ex.body !== undefined && (perRoute.get(ex.key) ?? 0) > 1) e.match = { ...(e.match ?? {}), body: ex.body };
    const conditions = Object.keys(e.match?.query ?? {}).length + (e.match?.body !== undefined ? 1 : 0);
    if (conditions > 0) {
      const { name, method, path: p, match, ...rest } = e;
      Object.keys(e).forEach((k) => delete e[k]);
      Object.assign(e, { name, method, path: p, match, priority: conditions, ...rest });
    }
    let name = e.name as string;
    for (let i = 2; names.has(name); i++) name = `${e.name} #${i}`;
    names.add(name);
    e.name = name;
    const file = ex.folder ? `${collection}/${ex.folder.split('/').map(fileStem).join('/')}.yaml` : `${collection}.yaml`;
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file)!.push({ comment: [ex.comment], endpoints: [e as EndpointDefinition] });
  }
  const files = [...byFile.entries()].map(([name, blocks]) => ({
    name,
    header: [`Imported by \`mockdock import postman\` from ${label} (${doc.info?.name ?? 'collection'}): saved examples as endpoints.`],
    blocks,
  }));
  return { files, bodies: [], notes: notes.list, stubs: count.stubs };
}
