/** The endpoints that read a token back: userinfo (OIDC Core §5.3), introspection (RFC 7662), revocation (RFC 7009). */
import { decodeJwt } from 'jose';
import type { AuthAnswer, AuthRequest } from './auth-types';
import { verifyOwnToken } from './builtin-verify';
import { authenticateClient } from './client-auth';
import { jsonAnswer, oauthError, param } from './oauth-answer';
import type { ProviderEnv } from './provider-env';

const bearerRe = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i;

function bearerChallenge(error: string, description: string): AuthAnswer {
  return jsonAnswer({ error, error_description: description }, 401, {
    'WWW-Authenticate': `Bearer realm="mockdock", error="${error}", error_description="${description}"`,
  });
}

export async function userinfoEndpoint(env: ProviderEnv, req: AuthRequest): Promise<AuthAnswer> {
  const header = req.headers.authorization;
  const token = header === undefined ? param(req.body, 'access_token') : bearerRe.exec(header)?.[1];
  if (token === undefined) {
    return jsonAnswer({ error: 'invalid_token', error_description: 'send the access token as Authorization: Bearer' }, 401, { 'WWW-Authenticate': 'Bearer realm="mockdock"' });
  }
  const verified = await verifyOwnToken(env, token);
  if (!verified.ok) return bearerChallenge('invalid_token', verified.description);
  const { claims } = verified;
  const user = typeof claims.sub === 'string' ? env.settings.users.get(claims.sub) : undefined;
  return jsonAnswer({ ...user?.claims, sub: claims.sub });
}

/** Callers of introspection and revocation may authenticate; a wrong secret is refused, no credentials are let through. */
function clientProblem(env: ProviderEnv, req: AuthRequest): AuthAnswer | null {
  const auth = authenticateClient(req, env.settings.clients);
  return auth.ok === false ? auth.answer : null;
}

export async function introspectEndpoint(env: ProviderEnv, req: AuthRequest): Promise<AuthAnswer> {
  const problem = clientProblem(env, req);
  if (problem !== null) return problem;
  const token = param(req.body, 'token');
  if (token === undefined) return oauthError('invalid_request', 'token is missing');
  const refresh = env.grants.findRefresh(token, env.clock());
  if (refresh.found === 'ok') {
    const { grant } = refresh;
    return jsonAnswer({
      active: true,
      token_type: 'refresh_token',
      client_id: grant.clientId,
      sub: grant.username,
      username: grant.username,
      scope: grant.scope,
      iss: grant.issuer,
      exp: Math.floor(refresh.expiresAt / 1000),
    });
  }
  if (refresh.found !== 'unknown') return jsonAnswer({ active: false });
  const verified = await verifyOwnToken(env, token);
  if (!verified.ok) return jsonAnswer({ active: false });
  const c = verified.claims;
  const user = typeof c.sub === 'string' && env.settings.users.has(c.sub) ? c.sub : undefined;
  return jsonAnswer({ ...c, active: true, token_type: 'Bearer', ...(user === undefined ? {} : { username: user }) });
}

export async function revokeEndpoint(env: ProviderEnv, req: AuthRequest): Promise<AuthAnswer> {
  const problem = clientProblem(env, req);
  if (problem !== null) return problem;
  const token = param(req.body, 'token');
  if (token === undefined) return oauthError('invalid_request', 'token is missing');
  const now = env.clock();
  if (env.grants.findRefresh(token, now).found !== 'unknown') {
    env.grants.revokeRefresh(token);
  } else {
    // An access token: remember its jti until it would have expired anyway.
    try {
      const { jti, exp } = decodeJwt(token);
      if (typeof jti === 'string') env.grants.revokeAccess(jti, typeof exp === 'number' ? exp * 1000 : now + 86_400_000, now);
    } catch {
      // RFC 7009 §2.2: an invalid token is no error for the caller.
    }
  }
  return { status: 200, headers: { 'Cache-Control': 'no-store' }, body: '' };
}
