/** Templates with blocks (`#if`, `#each`, `#with`, sections) run on an isolated Handlebars environment. */
import Handlebars from 'handlebars';
import type { RenderEnv, TemplateContext } from '../model/answer';
import { HELPERS } from './template-helpers';

const hb = Handlebars.create();
// `log` would write to the console from inside a request; the rest of the built-ins stay.
hb.unregisterHelper('log');

// Helpers get no render argument from Handlebars, so the render sets this just before it runs.
let activeEnv: RenderEnv = { now: 0, random: () => 0 };

const knownHelpers: Record<string, true> = {};
for (const [name, spec] of HELPERS) {
  knownHelpers[name] = true;
  const run = spec.run;
  if (!run) continue;
  hb.registerHelper(name, (...args: unknown[]) => {
    const options = args.pop() as Handlebars.HelperOptions;
    return run(args, (options.hash ?? {}) as Record<string, unknown>, activeEnv);
  });
}

const COMPILE_OPTIONS = { noEscape: true, knownHelpers, knownHelpersOnly: true } as const;
// Prototype access stays off; saying so explicitly also stops Handlebars logging each denied name.
const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };

export function parseTemplate(source: string): hbs.AST.Program {
  return hb.parse(source);
}

/**
 * Compiles now (Handlebars compiles lazily on first call, so one trial run is made with empty
 * request data) and returns a render that never throws: odd request data renders as ''.
 */
export function compileWithHandlebars(program: hbs.AST.Program, trial: TemplateContext, trialEnv: RenderEnv) {
  const template = hb.compile<TemplateContext>(program, COMPILE_OPTIONS);
  activeEnv = trialEnv;
  template(trial, RUNTIME_OPTIONS);
  return (ctx: TemplateContext, env: RenderEnv): string => {
    activeEnv = env;
    try {
      return template(ctx, RUNTIME_OPTIONS);
    } catch {
      return '';
    }
  };
}
