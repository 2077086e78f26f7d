/** A Mockoon response → the answer part of an endpoint: status, headers, body (inline, file or data bucket), latency. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import mime from 'mime-types';
import type { Endpoint } from '../import-plan';
import { translateTemplate } from '../template-translate';
import type { Ctx, Env, MockoonResponse, MockoonRoute } from './mockoon-model';
import { mockoonRewriter } from './mockoon-template';
import type { RoutePath } from './mockoon-path';

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
export function answerOf(c: Ctx, route: MockoonRoute, res: MockoonResponse, rp: RoutePath, stub: string): Endpoint | undefined {
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
    // Mockoon types a file by its name unless the response itself sets Content-Type (the environment's does not count).
    if (!(res.headers ?? []).some((h) => h.key.toLowerCase() === 'content-type')) {
      const rest = Object.fromEntries(Object.entries(out.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'content-type'));
      out.headers = { ...rest, 'Content-Type': mime.lookup(file) || 'application/octet-stream' };
    }
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
    // A bucket holding JSON is parsed once and sent as compact JSON, as Mockoon does.
    try {
      const value: unknown = JSON.parse(bucket.value);
      if (value !== null && typeof value === 'object' && !bucket.value.includes('{{')) {
        out.response = value;
        withCharset(out);
        return out;
      }
    } catch {
      // a template or text: served as text below
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
  withCharset(out);
  return out;
}

/** Mockoon (Express) sends a text body with `; charset=utf-8` added to a Content-Type that has none. */
export function withCharset(out: Endpoint): void {
  const key = Object.keys(out.headers ?? {}).find((k) => k.toLowerCase() === 'content-type');
  if (key && !/charset=/i.test(out.headers![key])) out.headers = { ...out.headers, [key]: `${out.headers![key]}; charset=utf-8` };
}

