/** Compiles what an endpoint answers (status, headers, body) once, into a fast per-request render. */
import type { Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes } from '../errors/codes';
import { isTextBodyFile } from './body-file';
import { type Template, compileTemplate, looksLikeTemplate } from './compile-template';
import { JSON_CONTENT_TYPE, TEXT_CONTENT_TYPE, contentTypeForFile, findContentType } from './content-type';
import { type CompiledBody, compileJsonBody } from './json-body';
import { type CompiledHeaders, compileHeaders } from './response-headers';
import type { CompiledResponse, RenderedResponse, ResponseSource } from '../model/answer';
import { type IssueFormat, templateIssues } from './template-issues';
import { withContentLength } from '../util/content-length';

export { withContentLength };

export type {
  CompiledResponse, RenderEnv, RenderedResponse, ResponseSource, TemplateContext,
} from '../model/answer';

export type CompileResponseResult = { ok: true; response: CompiledResponse } | { ok: false; issues: ConfigIssue[] };

const EMPTY = Buffer.alloc(0);

/** Where compile steps report problems and compile templates. */
interface Sink {
  template(pointer: string, text: string, format?: IssueFormat): Template | undefined;
  schemaIssue(pointer: string, message: string): void;
}

/**
 * `pointerPrefix` is where the source sits inside its endpoint (`/sequence/2`, `/failure/0`),
 * so issues are located at `locate(prefix + '/response/user/name')`.
 */
export function compileResponse(src: ResponseSource, locate: Locate, pointerPrefix = ''): CompileResponseResult {
  const issues: ConfigIssue[] = [];
  const report = (pointer: string, code: string, message: string): void => {
    const { file, line, col } = locate(pointer);
    issues.push({ file, line, col, code, message });
  };
  const sink: Sink = {
    schemaIssue: (pointer, message) => report(pointer, ErrorCodes.CONFIG_SCHEMA, message),
    template: (pointer, text, format = { kind: 'inline' }) => {
      const result = compileTemplate(text);
      if (result.ok) return result.template;
      for (const message of templateIssues(text, result.problems, format)) report(pointer, ErrorCodes.CONFIG_TEMPLATE, message);
      return undefined;
    },
  };

  const status = src.status ?? 200;
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    sink.schemaIssue(`${pointerPrefix}/status`, `status must be a whole number from 100 to 599, got ${JSON.stringify(status)}`);
  }
  if (src.response !== undefined && src.bodyFile) {
    sink.schemaIssue(`${pointerPrefix}/body_file`, 'set either response or body_file, not both');
  }
  const templating = src.template !== false;
  const { body, contentType } = compileBody(src, templating, pointerPrefix, sink);
  const auto: Record<string, string> = contentType && !findContentType(src.headers) ? { 'content-type': contentType } : {};
  const headers = compileHeaders(src.headers, auto, templating, pointerPrefix, sink);

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, response: assemble(status, headers, body) };
}

function compileBody(src: ResponseSource, templating: boolean, prefix: string, sink: Sink): { body: CompiledBody; contentType?: string } {
  if (src.bodyFile) {
    const { path, content } = src.bodyFile;
    const text = templating && isTextBodyFile(path, content) ? content.toString('utf8') : undefined;
    const template = text !== undefined && looksLikeTemplate(text)
      ? sink.template(`${prefix}/body_file`, text, { kind: 'file', path })
      : undefined;
    // A file that needs no rendering is sent as the very buffer that was read.
    return { body: textBody(template, content), contentType: contentTypeForFile(path) };
  }
  if (typeof src.response === 'string') {
    const text = src.response;
    const template = templating && looksLikeTemplate(text) ? sink.template(`${prefix}/response`, text) : undefined;
    return { body: textBody(template, text), contentType: TEXT_CONTENT_TYPE };
  }
  if (src.response !== undefined) {
    return { body: compileJsonBody(src.response, templating, `${prefix}/response`, sink), contentType: JSON_CONTENT_TYPE };
  }
  return { body: { fixed: EMPTY } };
}

/** A text body: rendered per request when templated, else fixed (the original bytes when untouched). */
function textBody(template: Template | undefined, original: string | Buffer): CompiledBody {
  if (template && template.text === undefined) {
    return { render: (ctx, env) => Buffer.from(template.render(ctx, env), 'utf8') };
  }
  if (template?.text !== undefined) return { fixed: Buffer.from(template.text, 'utf8') };
  return { fixed: typeof original === 'string' ? Buffer.from(original, 'utf8') : original };
}


function assemble(status: number, headers: CompiledHeaders, body: CompiledBody): CompiledResponse {
  const { fixed, render: renderHeaders } = headers;
  if (!renderHeaders && 'fixed' in body) {
    // Nothing depends on the request: one frozen result, shared by every render.
    const all = Object.freeze(withContentLength(status, fixed as Record<string, string>, body.fixed));
    const result: RenderedResponse = Object.freeze({ headers: all, body: body.fixed });
    return { status, isStatic: true, render: () => result };
  }
  const headersOf = renderHeaders ?? (() => fixed as Record<string, string>);
  const bodyOf = 'fixed' in body ? () => body.fixed : body.render;
  return {
    status,
    isStatic: false,
    render: (ctx, env) => {
      const out = bodyOf(ctx, env);
      return { headers: withContentLength(status, headersOf(ctx, env), out), body: out };
    },
  };
}
