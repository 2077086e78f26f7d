/**
 * `handler: NAME`: the endpoint is answered by a plugin's handler (dynamic answers in code). The endpoint's
 * behaviours (latency, failures, rate_limit, validate, auth …) run before it like before any responder.
 */
import type { Exchange, Responder, ResponderDefinition } from '../model/pipeline';
import type { ResponsePlan } from '../model/response-plan';
import type { MaybePromise } from '../model/state';
import { ErrorCodes } from '../errors/codes';
import { issueAt } from '../behaviours/issue';
import { didYouMean } from '../config/did-you-mean';
import { callPlugin, failurePlan, isThenable, PluginFailure } from './call-plugin';
import { answerToPlan } from './plugin-answer';
import { handlerContext } from './plugin-context';
import { pluginRequest } from './plugin-request';
import { PLUGINS_FAILED, PLUGINS_PREPARED, type PluginSet } from './plugin-set';
import { ALLOW_FLAG_HINT } from './load-plugins';
import type { PluginHandler, PluginLogger } from './plugin-types';

/** Keys that give an endpoint its answer: a handler makes its own. */
const OTHER_ANSWERS = ['response', 'body_file', 'sequence'] as const;

function planOf(set: PluginSet, plugin: string, name: string, x: Exchange, value: unknown): ResponsePlan {
  if (value instanceof PluginFailure) return failurePlan(set, value, x.endpoint, x.req);
  const plan = answerToPlan(value, x.endpoint);
  return typeof plan === 'string' ? failurePlan(set, new PluginFailure(plugin, `handler ${name} ${plan}`), x.endpoint, x.req) : plan;
}

function handlerResponder(set: PluginSet, name: string, plugin: { name: string; log: PluginLogger; module: { handlers?: unknown } }, fn: PluginHandler, endpoint: { name: string; method: string; path: string }): Responder {
  const what = `handler ${name}`;
  const handlers = plugin.module.handlers;
  return {
    plain: null,
    respond(x: Exchange): MaybePromise<ResponsePlan> {
      const req = pluginRequest(x.req, x.params, x.session);
      const ctx = handlerContext(endpoint, x.params, x.state, x.random.template, plugin.log);
      const out = callPlugin(set, plugin.name, what, fn, handlers, req, ctx);
      return isThenable(out) ? Promise.resolve(out).then((value) => planOf(set, plugin.name, name, x, value)) : planOf(set, plugin.name, name, x, out);
    },
  };
}

export const pluginHandlerResponder: ResponderDefinition = {
  name: 'handler',
  keys: { handler: { $ref: '#/definitions/handler' } },
  definitions: {
    handler: {
      title: 'Plugin handler',
      description: 'Answer with this handler of a plugin listed under `plugins` in mockdock.yaml (needs --allow-plugins).',
      type: 'string',
      minLength: 1,
    },
  },
  inDefaults: false,
  claims: (def) => (def as { handler?: unknown }).handler !== undefined,
  compile(ctx) {
    const name = (ctx.def as { handler?: string }).handler!;
    const record = ctx.def as unknown as Record<string, unknown>;
    const clash = OTHER_ANSWERS.filter((k) => record[k] !== undefined);
    if (clash.length > 0) return { ok: false, issues: clash.map((k) => issueAt(ctx.locate, `/${k}`, 'cannot be combined with handler: the handler makes the answer; remove one of them', ErrorCodes.CONFIG_PLUGIN)) };
    const prepared = ctx.services.prepared.get(PLUGINS_PREPARED) as PluginSet | typeof PLUGINS_FAILED | undefined;
    // the plugins' own problems fail this load already; a missing handler would only repeat them
    if (prepared === PLUGINS_FAILED) return { ok: false, issues: [] };
    const set = prepared;
    if (set === undefined) {
      return { ok: false, issues: [issueAt(ctx.locate, '/handler', `"${name}" needs a plugin that has it: list the plugin under \`plugins\` in mockdock.yaml and ${ALLOW_FLAG_HINT}`, ErrorCodes.CONFIG_PLUGIN)] };
    }
    const found = set.handlers.get(name);
    if (found === undefined) {
      const known = [...set.handlers.keys()];
      const near = didYouMean(name, known);
      const hint = near !== undefined ? `did you mean "${near}"?` : known.length > 0 ? `the plugins have ${known.map((k) => `"${k}"`).join(', ')}` : 'no loaded plugin has handlers';
      return { ok: false, issues: [issueAt(ctx.locate, '/handler', `"${name}" is no plugin's handler: ${hint}`, ErrorCodes.CONFIG_PLUGIN)] };
    }
    const endpoint = { name: ctx.def.name, method: ctx.def.method, path: ctx.def.path };
    return { ok: true, value: handlerResponder(set, name, found.plugin, found.fn, endpoint) };
  },
};
