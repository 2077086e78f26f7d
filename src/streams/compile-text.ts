/** Compiles a configured value into text rendered per use: strings as templates, objects and lists as JSON with templated strings. */
import type { Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes } from '../errors/codes';
import { type Template, compileTemplate, looksLikeTemplate } from '../response/compile-template';
import { compileJsonBody } from '../response/json-body';
import type { RenderEnv } from '../model/answer';
import { templateIssues } from '../response/template-issues';
import type { StreamContext } from './stream-context';

export type RenderText = (ctx: StreamContext, env: RenderEnv) => string;

/** Collects the issues of one compile, each at its place in the endpoint. */
export class IssueSink {
  readonly issues: ConfigIssue[] = [];

  constructor(readonly locate: Locate) {}

  add(pointer: string, message: string, code: string = ErrorCodes.CONFIG_SCHEMA): void {
    const { file, line, col } = this.locate(pointer);
    this.issues.push({ file, line, col, message, code });
  }

  template(pointer: string, text: string, roots: ReadonlySet<string>): Template | undefined {
    const result = compileTemplate(text, roots);
    if (result.ok) return result.template;
    for (const message of templateIssues(text, result.problems, { kind: 'inline' })) this.add(pointer, message, ErrorCodes.CONFIG_TEMPLATE);
    return undefined;
  }
}

/**
 * `value` a string: a template (its text as it is when it has no `{{`); any other JSON value:
 * its compact JSON text, strings inside it rendered as templates.
 */
export function compileText(value: unknown, pointer: string, roots: ReadonlySet<string>, sink: IssueSink): RenderText {
  if (typeof value === 'string') {
    const template = looksLikeTemplate(value) ? sink.template(pointer, value, roots) : undefined;
    if (!template || template.text !== undefined) {
      const text = template?.text ?? value;
      return () => text;
    }
    return (ctx, env) => template.render(ctx, env);
  }
  const body = compileJsonBody(value, true, pointer, {
    template: (at, text) => sink.template(at, text, roots),
    schemaIssue: (at, message) => sink.add(at, message),
  });
  if ('fixed' in body) {
    const text = body.fixed.toString('utf8');
    return () => text;
  }
  return (ctx, env) => body.render(ctx, env).toString('utf8');
}
