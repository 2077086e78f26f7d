/**
 * `plugins:` in mockdock.yaml: the list's schema, and the loaded plugins' `onRequest` and `onResponse` as the
 * server's hooks (before matching, and on every mock answer). Hooks run in list order; each stays synchronous
 * while the plugin answers synchronously.
 */
import type { ServerHooks, SettingsContext, SettingsDefinition } from '../model/pipeline';
import type { MockRequest } from '../model/request';
import type { ResponsePlan } from '../model/response-plan';
import type { MaybePromise } from '../model/state';
import { createRandom, deriveSeed } from '../behaviours/random';
import { callPlugin, failurePlan, isThenable, PluginFailure } from './call-plugin';
import { answerToPlan, planToResponse, responseToPlan } from './plugin-answer';
import { hookContext } from './plugin-context';
import { applyRequest, pluginRequest, queryText } from './plugin-request';
import { PLUGINS_FAILED, PLUGINS_PREPARED, type LoadedPlugin, type PluginSet } from './plugin-set';
import type { PluginContext, PluginRequest, PluginResponse } from './plugin-types';

type Hooked = LoadedPlugin & { random: () => number };

function compilePluginHooks(ctx: SettingsContext): ServerHooks | null {
  const prepared = ctx.services.prepared.get(PLUGINS_PREPARED) as PluginSet | typeof PLUGINS_FAILED | undefined;
  if (prepared === undefined || prepared === PLUGINS_FAILED) return null;
  const set: PluginSet = prepared;
  const header = ctx.sessionHeader;
  const endpoints = new Map(ctx.endpoints.map((e) => [e.def.name, { name: e.def.name, method: e.def.method, path: e.def.path }]));
  const withRandom = (p: LoadedPlugin): Hooked => ({ ...p, random: createRandom(deriveSeed(ctx.seed, `plugin:${p.name}`)) });
  // one random stream per plugin, shared by its hooks (two streams from one seed would repeat each other)
  const hooked = set.plugins.map(withRandom);
  const requestHooks = hooked.filter((p) => p.module.onRequest);
  const answerHooks = hooked.filter((p) => p.module.onResponse);
  const sessionOf = (req: MockRequest) => (req.headers[header] ? req.headers[header] : null);
  const contextFor = (p: Hooked, session: string | null, endpoint: PluginContext['endpoint']) => hookContext(endpoint, ctx.store, session, p.name, p.random, p.log);

  /** Runs `onRequest` of plugins from `i` on: an answer (or a failure) ends it; changes go back into `req`. */
  function requestFrom(i: number, req: MockRequest, view: PluginRequest, query: string): MaybePromise<ResponsePlan | undefined> {
    for (; i < requestHooks.length; i++) {
      const p = requestHooks[i];
      const out = callPlugin(set, p.name, 'onRequest', p.module.onRequest!, p.module, view, contextFor(p, view.session, null));
      if (isThenable(out)) return Promise.resolve(out).then((value) => requestDone(value, i, req, view, query) ?? requestFrom(i + 1, req, view, query));
      const done = requestDone(out, i, req, view, query);
      if (done) return done;
    }
    applyRequest(view, req, query);
    return undefined;
  }

  function requestDone(value: unknown, i: number, req: MockRequest, view: PluginRequest, query: string): ResponsePlan | undefined {
    if (value === undefined || value === null) return undefined;
    applyRequest(view, req, query);
    const name = requestHooks[i].name;
    if (value instanceof PluginFailure) return failurePlan(set, value, null, req);
    const plan = answerToPlan(value, null);
    return typeof plan === 'string' ? failurePlan(set, new PluginFailure(name, `onRequest ${plan}`), null, req) : plan;
  }

  /** Runs `onResponse` of plugins from `i` on, each seeing the answer the one before left. */
  function answerFrom(i: number, req: MockRequest, plan: ResponsePlan): MaybePromise<ResponsePlan> {
    for (; i < answerHooks.length; i++) {
      const p = answerHooks[i];
      const view = pluginRequest(req, {}, sessionOf(req));
      const res = planToResponse(plan);
      const endpoint = plan.endpoint === null ? null : (endpoints.get(plan.endpoint) ?? null);
      const out = callPlugin(set, p.name, 'onResponse', p.module.onResponse!, p.module, view, res, contextFor(p, view.session, endpoint));
      if (isThenable(out)) return Promise.resolve(out).then((value) => answerFrom(i + 1, req, answerDone(value, p.name, req, plan, res)));
      plan = answerDone(out, p.name, req, plan, res);
    }
    return plan;
  }

  function answerDone(value: unknown, name: string, req: MockRequest, plan: ResponsePlan, res: PluginResponse): ResponsePlan {
    if (value instanceof PluginFailure) return failurePlan(set, value, plan.endpoint, req);
    const next = value === undefined || value === null ? responseToPlan(plan, res) : answerToPlan(value, plan.endpoint);
    if (typeof next === 'string') return failurePlan(set, new PluginFailure(name, `onResponse ${next}`), plan.endpoint, req);
    return value === undefined || value === null ? next : { ...next, delayMs: plan.delayMs, notes: plan.notes, after: plan.after };
  }

  const hooks: ServerHooks = { files: set.plugins.map((p) => p.file) };
  if (requestHooks.length > 0) {
    (hooks as { onRequest: ServerHooks['onRequest'] }).onRequest = (req) => {
      const view = pluginRequest(req, {}, sessionOf(req));
      return requestFrom(0, req, view, queryText(req.query));
    };
  }
  if (answerHooks.length > 0) {
    (hooks as { onAnswer: ServerHooks['onAnswer'] }).onAnswer = (req, plan) => answerFrom(0, req, plan);
  }
  return hooks;
}

export const pluginsSettings: SettingsDefinition = {
  name: 'plugins',
  keys: { plugins: { $ref: '#/definitions/plugins' } },
  definitions: {
    plugins: {
      title: 'Plugins',
      description:
        'ES module files inside the config folder (e.g. plugins/audit.mjs), loaded only when mockdock runs with --allow-plugins. Each default-exports { name, onRequest?, onResponse?, handlers? }; endpoints with `handler: NAME` are answered by a handler.',
      type: 'array',
      items: { type: 'string', minLength: 1, pattern: '\\.(mjs|js)$' },
      uniqueItems: true,
    },
  },
  compile(ctx) {
    return { ok: true, value: compilePluginHooks(ctx) };
  },
};
