/**
 * `cors` in mockdock.yaml (flag --cors, env MOCKDOCK_CORS): answers CORS preflights before matching (unless an
 * endpoint declares OPTIONS for the path) and adds the CORS headers to every mock answer.
 */
import type { LoadedEndpoint } from '../model/endpoint';
import type { MockRequest } from '../model/request';
import type { ResponsePlan } from '../model/response-plan';
import type { ServerHooks, SettingsDefinition } from '../model/pipeline';
import { compilePathPattern, bindParams, type PathPattern } from '../matching/path-pattern';
import { splitPath } from '../matching/split-path';
import { jsonAnswer } from '../util/json-answer';
import { issueAt } from '../behaviours/issue';
import { HTTP_TOKEN } from '../util/http-token';
import { compileCors, DEFAULT_METHODS, preflightAnswer, type CorsPolicy, type CorsSetting } from './cors-policy';

/** A list of header names or methods, each an RFC 9110 token. */
const TOKEN_LIST = { type: 'array', items: { type: 'string', pattern: HTTP_TOKEN.source }, minItems: 1 };

/** The name preflight answers carry in logs and metrics (they match no endpoint, but are not misses either). */
export const PREFLIGHT_ENDPOINT = 'CORS preflight';

const EMPTY = Buffer.alloc(0);
const ORIGIN = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/\s]+\/?$/;

/** The policy of one load, found again by the built-in routes through the set's settings object. */
const policies = new WeakMap<object, CorsPolicy | null>();

export function corsPolicyOf(settings: Readonly<Record<string, unknown>>): CorsPolicy | null {
  let policy = policies.get(settings);
  if (policy === undefined) {
    policy = compileCors(settings.cors as CorsSetting | undefined);
    policies.set(settings, policy);
  }
  return policy;
}

/** Paths of the endpoints that declare OPTIONS themselves: their preflights are theirs to answer. */
function declaredOptions(endpoints: readonly LoadedEndpoint[]): (path: string) => boolean {
  const patterns: PathPattern[] = [];
  for (const ep of endpoints) {
    if (ep.def.method !== 'OPTIONS') continue;
    const compiled = compilePathPattern(ep.def.path);
    if (compiled.ok) patterns.push(compiled.pattern);
  }
  if (patterns.length === 0) return () => false;
  return (path) => {
    const segs = splitPath(path);
    return patterns.some((p) => bindParams(p, segs) !== null);
  };
}

export function corsHooks(policy: CorsPolicy, declares: (path: string) => boolean): ServerHooks {
  return {
    onRequest(req: MockRequest): ResponsePlan | undefined {
      if (req.method !== 'OPTIONS') return undefined;
      const origin = req.headers.origin;
      const wanted = req.headers['access-control-request-method'];
      if (origin === undefined || wanted === undefined || declares(req.path)) return undefined;
      const answer = preflightAnswer(policy, origin, req.headers['access-control-request-headers']);
      if (answer.status === 403) return { endpoint: PREFLIGHT_ENDPOINT, ...jsonAnswer(403, { error: answer.error }, answer.headers), delayMs: 0, notes: { cors: 'preflight refused' } };
      return { endpoint: PREFLIGHT_ENDPOINT, status: 204, headers: answer.headers, body: EMPTY, delayMs: 0, notes: { cors: 'preflight' } };
    },
    onAnswer(req: MockRequest, plan: ResponsePlan): ResponsePlan | undefined {
      if (plan.endpoint === PREFLIGHT_ENDPOINT) return undefined;
      const extra = policy.answerHeaders(req.headers.origin, plan.headers);
      if (extra === null) return undefined;
      plan.headers = { ...plan.headers, ...extra };
      return plan;
    },
  };
}

export const corsSettings: SettingsDefinition = {
  name: 'cors',
  keys: { cors: { $ref: '#/definitions/cors' } },
  definitions: {
    cors: {
      title: 'CORS',
      description:
        'Cross-origin access for browser apps: preflight OPTIONS requests are answered before matching (unless an endpoint declares OPTIONS for the path) and every mock answer carries the CORS headers. `true`: every origin. Flag --cors, env MOCKDOCK_CORS.',
      anyOf: [
        { type: 'boolean' },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            origins: {
              description: 'Allowed origins ("https://app.example.com", no path), or "*" for every origin (the default). An allowed origin is echoed with Vary: Origin; "*" is sent only without credentials.',
              anyOf: [{ type: 'string', const: '*' }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
            },
            methods: { description: `Access-Control-Allow-Methods of a preflight. Default: ${DEFAULT_METHODS}.`, ...TOKEN_LIST },
            headers: { description: 'Access-Control-Allow-Headers of a preflight. Default: the headers the browser asks for (Access-Control-Request-Headers) are echoed.', ...TOKEN_LIST },
            expose_headers: { description: "Access-Control-Expose-Headers of an answer. Default: the answer's own headers (all but the ones scripts see anyway).", ...TOKEN_LIST },
            credentials: { description: 'Send Access-Control-Allow-Credentials: true (cookies, Authorization); the origin is then always echoed, never "*". Default: false.', type: 'boolean', default: false },
            max_age_s: { description: 'Access-Control-Max-Age of a preflight, in seconds. Default: 60.', type: 'integer', minimum: 0, maximum: 86400, default: 60 },
            admin: { description: 'The built-in routes (/__*) carry the CORS headers too. Default: false.', type: 'boolean', default: false },
          },
        },
      ],
    },
  },
  compile(ctx) {
    const origins = (ctx.settings.cors as { origins?: unknown } | undefined)?.origins;
    if (Array.isArray(origins)) {
      const issues = origins.flatMap((o, i) => (ORIGIN.test(String(o)) ? [] : [issueAt(ctx.locate, `/cors/origins/${i}`, `${JSON.stringify(o)} is not an origin: write scheme, host and port only, such as "http://localhost:3000"`)]));
      if (issues.length > 0) return { ok: false, issues };
    }
    const policy = corsPolicyOf(ctx.settings);
    if (policy === null) return { ok: true, value: null };
    return { ok: true, value: corsHooks(policy, declaredOptions(ctx.endpoints)) };
  },
};
