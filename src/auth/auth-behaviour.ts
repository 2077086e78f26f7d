/** The `auth` behaviour: the endpoint's credential check as the first stage, claims handed to templates as `jwt`. */
import type { BehaviourDefinition, Exchange } from '../model/pipeline';
import type { ResponsePlan } from '../model/response-plan';
import { jsonAnswer } from '../util/json-answer';
import { endpointAuthSchema } from './auth-schema';
import type { AuthVerdict } from './challenge';
import { compileEndpointAuth } from './endpoint-auth';
import type { ProviderEnv } from './provider-env';
import { AUTH_RESOURCE, AuthProvider } from './provider';

function decided(x: Exchange, verdict: AuthVerdict): ResponsePlan | undefined {
  if (verdict.ok) {
    if (verdict.claims !== undefined) x.vars = { ...x.vars, jwt: verdict.claims };
    return undefined;
  }
  const { status, headers, body } = verdict.answer;
  return { endpoint: x.endpoint, ...jsonAnswer(status, body, headers), delayMs: 0, authRejected: verdict.reason };
}

export const authBehaviour: BehaviourDefinition = {
  name: 'auth',
  keys: { auth: { $ref: '#/definitions/endpointAuth' } },
  definitions: { endpointAuth: endpointAuthSchema as unknown as Record<string, unknown> },
  compile(ctx) {
    const spec = (ctx.def as { auth?: unknown }).auth;
    if (spec === undefined) return { ok: true, value: null };
    // The server's one provider (made by the build with --public-url and --seed); a bare compile makes its own.
    const provider: ProviderEnv = ctx.services.keep(AUTH_RESOURCE, () => new AuthProvider({ clock: Date.now }));
    const result = compileEndpointAuth(spec, ctx.locate, provider);
    if (!result.ok) return result;
    const check = result.check;
    if (check === null) return { ok: true, value: null };
    return {
      ok: true,
      value: {
        name: 'auth',
        run(x) {
          const verdict = check(x.req, x.now);
          return verdict instanceof Promise ? verdict.then((v) => decided(x, v)) : decided(x, verdict);
        },
      },
    };
  },
};
