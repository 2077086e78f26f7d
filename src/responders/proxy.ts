/**
 * `proxy`: the endpoint answers with what an upstream answers (streamed), after its behaviours ran — a chaos
 * proxy in front of a real API. Faults that send no answer skip the upstream; `cache_s` keeps GET/HEAD answers.
 */
import type { ConfigIssue } from '../model/config-issue';
import type { EndpointDefinition } from '../model/endpoint';
import type { Exchange, ResponderDefinition } from '../model/pipeline';
import type { ResponsePlan } from '../model/response-plan';
import { issueAt } from '../behaviours/issue';
import { fingerprint } from '../util/fingerprint';
import { AnswerCache, CACHE_MAX_ANSWER_BYTES } from './proxy/answer-cache';
import { forward, makeAgent, type BodyWatcher } from './proxy/forward';
import { compileTarget, proxySchema, type ProxySpec, type ProxyTarget } from './proxy/proxy-target';

type ProxiedEndpoint = EndpointDefinition & { proxy?: string | ProxySpec };

/** Keys that say what to answer: with `proxy` the upstream answers, so they would be silently ignored. */
const ANSWER_KEYS = ['response', 'body_file', 'status', 'sequence'] as const;

/** Faults that send no answer at all: the upstream is not asked. */
const NO_ANSWER = new Set(['reset', 'empty', 'timeout']);

/** The key of a connection pool: one per TLS setting, shared by every endpoint and reload that uses it. */
export function agentKey(target: Pick<ProxyTarget, 'ca' | 'insecure'>): string {
  return `proxy:agent:${target.ca ? fingerprint(target.ca.toString('utf8')) : '-'}:${target.insecure ? 'insecure' : 'verify'}`;
}

function cacheWatcher(cache: AnswerCache, key: string, ttlMs: number): BodyWatcher {
  return {
    limit: CACHE_MAX_ANSWER_BYTES,
    end(status, headers, body) {
      if (body !== null && status < 500) cache.set(key, { status, headers, body }, ttlMs);
    },
  };
}

function notesOf(x: Exchange): Record<string, unknown> {
  return (x.notes ??= {});
}

export const proxyResponder: ResponderDefinition = {
  name: 'proxy',
  keys: { proxy: { $ref: '#/definitions/proxy' } },
  definitions: {
    proxy: proxySchema(
      'Forward the request to this upstream (URL + the request path and query) and send its answer on, streamed. Every behaviour still applies: latency, failures, rate_limit, validate. Unreachable: 502; no answer within timeout_ms: 504.',
    ),
  },
  claims: (def) => (def as ProxiedEndpoint).proxy !== undefined,
  compile(ctx) {
    const def = ctx.def as ProxiedEndpoint;
    const issues: ConfigIssue[] = ANSWER_KEYS.filter((k) => def[k] !== undefined).map((k) =>
      issueAt(ctx.locate, `/${k}`, 'does not apply to a proxy endpoint: the upstream answers (add headers with `headers`, shape it with latency_ms or failures)'),
    );
    const compiled = compileTarget(def.proxy!, '/proxy', ctx.locate, ctx.services);
    if (!compiled.ok) issues.push(...compiled.issues);
    if (issues.length > 0 || !compiled.ok) return { ok: false, issues };
    const target = compiled.target;
    const agent = ctx.services.keep(agentKey(target), () => makeAgent(target));
    const cache = target.cacheS > 0 ? ctx.services.keep('proxy:cache', () => new AnswerCache()) : null;
    const cachePrefix = `${def.name}\u0000${fingerprint(def.proxy)}\u0000`;
    const extraHeaders = def.headers && Object.keys(def.headers).length > 0 ? def.headers : null;

    const decorate = (plan: ResponsePlan): ResponsePlan => {
      if (extraHeaders) plan.headers = { ...plan.headers, ...extraHeaders };
      return plan;
    };

    return {
      ok: true,
      value: {
        plain: null,
        respond(x) {
          if (x.fault !== null && NO_ANSWER.has(x.fault.kind)) return { endpoint: x.endpoint, status: 200, headers: {}, body: Buffer.alloc(0), delayMs: 0 };
          const notes = notesOf(x);
          const { method } = x.req;
          if (cache !== null && (method === 'GET' || method === 'HEAD')) {
            const key = `${cachePrefix}${method} ${x.req.target ?? x.req.path}`;
            const hit = cache.get(key);
            if (hit) {
              notes.cache = 'hit';
              return decorate({ endpoint: x.endpoint, status: hit.status, headers: { ...hit.headers }, body: hit.body, delayMs: 0 });
            }
            notes.cache = 'miss';
            return forward(x.req, target, agent, x.endpoint, notes, cacheWatcher(cache, key, target.cacheS * 1000)).then(decorate);
          }
          return forward(x.req, target, agent, x.endpoint, notes).then(decorate);
        },
      },
    };
  },
};
