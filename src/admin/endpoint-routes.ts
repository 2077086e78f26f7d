/** The endpoints of the admin API: list them, add, replace and remove runtime ones, and save those to a file. */
import { promises as fs, constants as fsConstants } from 'node:fs';
import path from 'node:path';
import type { Context } from 'koa';
import type { RouteTable } from './route-table';
import type { Registry, ReloadResult } from '../registry/registry';
import type { LoadedEndpoint } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { readRuntimeEndpoints, RUNTIME_SOURCE, showIssue } from './runtime-endpoints';
import { renderConfig } from '../writer/render-yaml';
import { writeConfig } from '../writer/write-config';
import { checkRuntimeEndpoints } from './check-endpoints';

export interface EndpointRouteDeps {
  registry: Registry;
  /** Told after runtime endpoints changed here (to share them with other replicas). */
  onRuntimeChange?: (endpoints: readonly LoadedEndpoint[]) => Promise<void>;
}

function fail(ctx: Context, status: number, error: string, extra: Record<string, unknown> = {}): void {
  ctx.status = status;
  ctx.body = { error, ...extra };
}

function problems(ctx: Context, issues: readonly ConfigIssue[]): void {
  ctx.status = 400;
  ctx.body = { errors: issues.map(showIssue) };
}

/** The request's body as config text: JSON as sent, or YAML; null when there is none. */
function bodyText(ctx: Context): { text: string; json: boolean } | null {
  const raw = (ctx.request as unknown as { rawBody?: string }).rawBody;
  if (raw === undefined || raw.trim() === '') return null;
  return { text: raw, json: ctx.request.is('json', '+json') !== false };
}

function shown(ep: LoadedEndpoint): Record<string, unknown> {
  return { ...ep.def, source: 'runtime' };
}

export function addEndpointRoutes(table: RouteTable, deps: EndpointRouteDeps): void {
  const { registry } = deps;
  const runtime = () => registry.source(RUNTIME_SOURCE);
  const fileNames = () => {
    const mine = new Set(runtime().map((e) => e.def.name));
    return registry.current.endpoints.map((e) => e.name).filter((n) => !mine.has(n));
  };

  async function replaceRuntime(ctx: Context, next: readonly LoadedEndpoint[], status: number, answer: unknown): Promise<void> {
    const result: ReloadResult = await registry.setSource(RUNTIME_SOURCE, next.map((e, order) => ({ ...e, order })));
    if (!result.ok) return problems(ctx, result.issues);
    if (deps.onRuntimeChange) await deps.onRuntimeChange(next).catch(() => undefined); // the store being down costs the sharing, not the change
    ctx.status = status;
    if (answer !== undefined) ctx.body = answer;
  }

  table.add('get', '/__endpoints', (ctx) => {
    const mine = new Set(runtime().map((e) => e.def.name));
    ctx.body = registry.current.endpoints.map((ep) => {
      const where = mine.has(ep.name) ? { source: 'runtime' } : { source: 'file', file: ep.source.file, line: ep.source.line, col: ep.source.col };
      return { ...ep.def, priority: ep.priority, ...where };
    });
  });

  table.add('post', '/__endpoints', async (ctx) => {
    const body = bodyText(ctx);
    if (!body) return fail(ctx, 400, 'send one endpoint, a list of them, or {defaults, endpoints}, as JSON or YAML (Content-Type: application/yaml)');
    const read = readRuntimeEndpoints({ ...body, taken: registry.current.endpoints.map((e) => e.name) });
    if (!read.ok) return problems(ctx, read.issues);
    await replaceRuntime(ctx, [...runtime(), ...read.endpoints], 201, read.endpoints.map(shown));
  });

  // The editor's check before saving, usable by curl too: the same reading and compile as POST, nothing added.
  table.add('post', '/__endpoints/validate', (ctx) => {
    const body = bodyText(ctx);
    if (!body) return fail(ctx, 400, 'send what POST /__endpoints takes, as JSON or YAML (Content-Type: application/yaml)');
    const replacing = typeof ctx.query.replacing === 'string' ? ctx.query.replacing : undefined;
    const taken = registry.current.endpoints.map((e) => e.name).filter((n) => n !== replacing);
    ctx.body = { problems: checkRuntimeEndpoints(registry.current, { ...body, taken, defaultName: replacing }) };
  });

  table.add('put', '/__endpoints/:name', async (ctx) => {
    const name = String(ctx.params.name);
    const index = runtime().findIndex((e) => e.def.name === name);
    if (index === -1) {
      if (fileNames().includes(name)) return fail(ctx, 409, `"${name}" is defined in a config file: edit its file, or add a runtime endpoint under another name`);
      return fail(ctx, 404, `no runtime endpoint named "${name}"; POST /__endpoints adds one`);
    }
    const body = bodyText(ctx);
    if (!body) return fail(ctx, 400, 'send the endpoint as JSON or YAML');
    const others = registry.current.endpoints.map((e) => e.name).filter((n) => n !== name);
    const read = readRuntimeEndpoints({ ...body, taken: others, defaultName: name });
    if (!read.ok) return problems(ctx, read.issues);
    if (read.endpoints.length !== 1) return fail(ctx, 400, `PUT replaces one endpoint; ${read.endpoints.length} were sent`);
    const next = [...runtime()];
    next[index] = read.endpoints[0];
    await replaceRuntime(ctx, next, 200, shown(read.endpoints[0]));
  });

  table.add('delete', '/__endpoints/:name', async (ctx) => {
    const name = String(ctx.params.name);
    const list = runtime();
    if (!list.some((e) => e.def.name === name)) {
      if (fileNames().includes(name)) return fail(ctx, 409, `"${name}" is defined in a config file: remove it from its file`);
      return fail(ctx, 404, `no runtime endpoint named "${name}"`);
    }
    await replaceRuntime(ctx, list.filter((e) => e.def.name !== name), 204, undefined);
  });

  table.add('post', '/__endpoints/save', async (ctx) => {
    const file = (ctx.request.body as { file?: unknown } | undefined)?.file;
    if (typeof file !== 'string' || !/\.(ya?ml|json)$/i.test(file) || path.isAbsolute(file) || file.split(/[\\/]/).some((s) => s === '..' || s.startsWith('.'))) {
      return fail(ctx, 400, 'send {"file": "NAME.yaml"}: a .yaml, .yml or .json path inside the config folder');
    }
    const list = runtime();
    if (list.length === 0) return fail(ctx, 400, 'there are no runtime endpoints to save');
    const root = registry.root;
    const dir = await fs.stat(root).then((s) => s.isDirectory(), () => false);
    if (!dir) return fail(ctx, 409, 'the config is a single file, not a folder: runtime endpoints cannot be saved beside it');
    const writable = await fs.access(root, fsConstants.W_OK).then(() => true, () => false);
    if (!writable) return fail(ctx, 409, 'the config folder is read-only: mount it writable to save runtime endpoints');
    const exists = await fs.access(path.join(root, file)).then(() => true, () => false);
    if (exists) return fail(ctx, 409, `${file} already exists in the config folder: choose another file name`);
    const defs = list.map((e) => e.def);
    const text = renderConfig([`Runtime endpoints saved by mockdock from POST /__endpoints/save.`], [{ comment: [], endpoints: defs }]);
    let written;
    try {
      written = await writeConfig(root, [{ path: file.split(path.sep).join('/'), content: text }]);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') return fail(ctx, 409, `the config folder cannot be written (${code})`);
      throw err;
    }
    if (!written.ok) return problems(ctx, written.issues);
    // The file now holds them: they leave the runtime source and come back from the file on this reload.
    await replaceRuntime(ctx, [], 200, { file, endpoints: defs.map((d) => d.name) });
  });
}
