/** Compiles one template string: parse, check, then pick the engine that runs it. */
import { compileFast, compileExpression, isFastEligible, joinParts, soleJsonArgument } from './fast-template';
import { compileWithHandlebars, parseTemplate } from './handlebars-template';
import type { RenderEnv, TemplateContext } from '../model/answer';
import { type TemplateProblem, checkTemplate } from './template-check';
import { syntaxProblem } from './syntax-problem';
import { trialRandom } from './template-helpers';

export interface Template {
  /** Set when the output never changes (no expressions, only text and comments). */
  readonly text?: string;
  render(ctx: TemplateContext, env: RenderEnv): string;
  /** For a template that is exactly `{{json X}}`: the value of X itself, not its JSON text. */
  readonly value?: (ctx: TemplateContext, env: RenderEnv) => unknown;
}

export type TemplateResult = { ok: true; template: Template } | { ok: false; problems: TemplateProblem[] };

const TRIAL_CONTEXT: TemplateContext = { params: {}, query: {}, headers: {}, body: undefined, method: 'GET', path: '/' };

/** Handlebars' rule, and ours: text without `{{` has nothing to expand. */
export function looksLikeTemplate(text: string): boolean {
  return text.includes('{{');
}

/** `roots`: the names the template may read at its top level (the request data by default). */
export function compileTemplate(source: string, roots?: ReadonlySet<string>): TemplateResult {
  let program: hbs.AST.Program;
  try {
    program = parseTemplate(source);
  } catch (err) {
    return { ok: false, problems: [syntaxProblem(err, source)] };
  }
  const problems = checkTemplate(program, roots);
  if (problems.length > 0) return { ok: false, problems };
  if (!isFastEligible(program)) {
    try {
      return { ok: true, template: { render: compileWithHandlebars(program, TRIAL_CONTEXT, { now: 0, random: trialRandom() }) } };
    } catch (err) {
      return { ok: false, problems: [syntaxProblem(err, source)] };
    }
  }
  const parts = compileFast(program);
  if (parts.every((p) => typeof p === 'string')) {
    const text = parts.join('');
    return { ok: true, template: { text, render: () => text } };
  }
  const jsonArg = soleJsonArgument(program);
  const value = jsonArg ? compileExpression(jsonArg) : undefined;
  return { ok: true, template: { render: joinParts(parts), value } };
}
