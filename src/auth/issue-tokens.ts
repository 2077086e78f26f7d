/** The token response every grant ends in: an access token, and for users an ID token and a refresh token. */
import { randomBytes } from 'node:crypto';
import type { AuthAnswer, AuthRequest } from './auth-types';
import { issuerOf } from './issuer';
import { mintToken } from './mint-token';
import { jsonAnswer } from './oauth-answer';
import { splitScope, type ProviderEnv } from './provider-env';

export interface GrantOutcome {
  clientId: string;
  /** Absent for client_credentials: the client is the subject. */
  username?: string;
  scope: string;
  /** The token request's `audience`; the access token's `aud` is the client_id without it. */
  audience?: string;
  nonce?: string;
  authTime?: number;
  /** Issue a refresh token (password, authorization_code and refresh_token grants). */
  refresh: boolean;
  /** Keep using the issuer of the refresh token being redeemed. */
  issuer?: string;
}

export async function issueTokens(env: ProviderEnv, req: AuthRequest, grant: GrantOutcome): Promise<AuthAnswer> {
  const now = env.clock();
  const { settings } = env;
  const key = await env.keys.current();
  const issuer = grant.issuer ?? issuerOf(req, settings.issuer, env.publicUrl);
  env.issuers.add(issuer);
  const user = grant.username === undefined ? undefined : settings.users.get(grant.username);
  const subject = grant.username ?? grant.clientId;
  const access = await mintToken(
    key,
    {
      issuer,
      subject,
      audience: grant.audience ?? grant.clientId,
      scope: grant.scope,
      claims: { ...user?.claims, client_id: grant.clientId },
      ttlS: settings.tokenTtlS,
    },
    now,
  );
  const body: Record<string, unknown> = { access_token: access.token, token_type: 'Bearer', expires_in: settings.tokenTtlS };
  if (grant.scope !== '') body.scope = grant.scope;
  if (grant.username !== undefined && splitScope(grant.scope).includes('openid')) {
    const idClaims: Record<string, unknown> = { ...user?.claims, azp: grant.clientId, auth_time: Math.floor((grant.authTime ?? now) / 1000) };
    if (grant.nonce !== undefined) idClaims.nonce = grant.nonce;
    const id = await mintToken(key, { issuer, subject, audience: grant.clientId, claims: idClaims, ttlS: settings.tokenTtlS }, now);
    body.id_token = id.token;
  }
  if (grant.refresh && grant.username !== undefined) {
    const refreshToken = randomBytes(32).toString('base64url');
    env.grants.saveRefresh(
      refreshToken,
      { clientId: grant.clientId, username: grant.username, scope: grant.scope, audience: grant.audience, issuer },
      now + settings.refreshTtlS * 1000,
    );
    body.refresh_token = refreshToken;
  }
  return jsonAnswer(body);
}
