/** Compiles response headers: static ones into one shared frozen object, templated ones rendered per request. */
import { childPointer } from '../util/json-pointer';
import type { Template } from './compile-template';
import { hasControlCharacters, isHeaderName, sendableHeaderValue } from './header-values';
import type { RenderEnv, TemplateContext } from '../model/answer';

export interface HeaderSink {
  /** Compiles a templated value, recording issues; undefined when it has errors. */
  template(pointer: string, text: string): Template | undefined;
  schemaIssue(pointer: string, message: string): void;
}

export interface CompiledHeaders {
  readonly fixed: Readonly<Record<string, string>>;
  /** Undefined when every value is fixed. */
  readonly render?: (ctx: TemplateContext, env: RenderEnv) => Record<string, string>;
}

export function compileHeaders(
  headers: Record<string, unknown> | undefined,
  extra: Record<string, string>,
  templating: boolean,
  prefix: string,
  sink: HeaderSink,
): CompiledHeaders {
  const fixed: Record<string, string> = { ...extra };
  const dynamic: Array<[string, Template]> = [];
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const pointer = childPointer(`${prefix}/headers`, name);
    if (!isHeaderName(name)) {
      sink.schemaIssue(pointer, `"${name}" is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`);
      continue;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      sink.schemaIssue(pointer, `header "${name}" must be a string, got ${raw === null ? 'null' : typeof raw}`);
      continue;
    }
    const value = String(raw);
    if (hasControlCharacters(value)) {
      sink.schemaIssue(pointer, `header "${name}" contains a line break or control character, which HTTP does not allow`);
      continue;
    }
    if (templating && value.includes('{{')) {
      const template = sink.template(pointer, value);
      if (!template) continue;
      if (template.text === undefined) {
        dynamic.push([name, template]);
        continue;
      }
      fixed[name] = sendableHeaderValue(template.text);
    } else {
      fixed[name] = sendableHeaderValue(value);
    }
  }
  Object.freeze(fixed);
  if (dynamic.length === 0) return { fixed };
  return {
    fixed,
    render: (ctx, env) => {
      const out: Record<string, string> = { ...fixed };
      for (const [name, template] of dynamic) out[name] = sendableHeaderValue(template.render(ctx, env));
      return out;
    },
  };
}
