/** A JSON value whose strings may be templates, compiled once into a function that builds the value per use. */
import type { Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes } from '../errors/codes';
import { compileTemplate, looksLikeTemplate } from '../response/compile-template';
import type { RenderEnv, TemplateContext } from '../model/answer';
import { templateIssues } from '../response/template-issues';

export type ValueMaker = (ctx: TemplateContext, env: RenderEnv) => unknown;

export interface CompiledValue {
  make: ValueMaker;
  /** True when the value holds no template: `make` always returns the same value. */
  fixed: boolean;
}

export function compileValue(value: unknown, pointer: string, locate: Locate, issues: ConfigIssue[]): CompiledValue {
  if (typeof value === 'string') {
    if (!looksLikeTemplate(value)) return constant(value);
    const result = compileTemplate(value);
    if (!result.ok) {
      const { file, line, col } = locate(pointer);
      for (const message of templateIssues(value, result.problems, { kind: 'inline' })) {
        issues.push({ file, line, col, message, code: ErrorCodes.CONFIG_TEMPLATE });
      }
      return constant(value);
    }
    const { template } = result;
    if (template.text !== undefined) return constant(template.text);
    const own = template.value;
    return { fixed: false, make: own ? (ctx, env) => own(ctx, env) : (ctx, env) => template.render(ctx, env) };
  }
  if (Array.isArray(value)) {
    const items = value.map((item, i) => compileValue(item, `${pointer}/${i}`, locate, issues));
    if (items.every((i) => i.fixed)) return constant(value);
    return { fixed: false, make: (ctx, env) => items.map((i) => i.make(ctx, env)) };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, compileValue(v, `${pointer}/${escape(k)}`, locate, issues)] as const);
    if (entries.every(([, v]) => v.fixed)) return constant(value);
    return {
      fixed: false,
      make: (ctx, env) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of entries) out[k] = v.make(ctx, env);
        return out;
      },
    };
  }
  return constant(value);
}

function constant(value: unknown): CompiledValue {
  return { fixed: true, make: () => value };
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
