/** The grants that redeem something issued earlier: an authorization code (with PKCE) or a refresh token. */
import { createHash } from 'node:crypto';
import type { AuthAnswer, AuthClient, AuthRequest } from './auth-types';
import { issueTokens } from './issue-tokens';
import { oauthError, param } from './oauth-answer';
import type { ProviderEnv } from './provider-env';
import { splitScope } from './provider-env';

/** RFC 7636 §4.6: BASE64URL(SHA256(code_verifier)) must equal the code_challenge. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

export async function authorizationCodeGrant(env: ProviderEnv, req: AuthRequest, client: AuthClient): Promise<AuthAnswer> {
  const code = param(req.body, 'code');
  if (code === undefined) return oauthError('invalid_request', 'code is missing');
  const found = env.grants.takeCode(code, env.clock());
  if (found.found === 'used') return oauthError('invalid_grant', 'the authorization code has already been used');
  if (found.found === 'expired') return oauthError('invalid_grant', 'the authorization code has expired');
  if (found.found !== 'ok') return oauthError('invalid_grant', 'unknown authorization code');
  const { grant } = found;
  if (grant.clientId !== client.client_id) return oauthError('invalid_grant', 'the authorization code was issued to another client');
  if (param(req.body, 'redirect_uri') !== grant.redirectUri) {
    return oauthError('invalid_grant', 'redirect_uri does not match the one of the authorization request');
  }
  const verifier = param(req.body, 'code_verifier');
  if (grant.codeChallenge !== undefined) {
    if (verifier === undefined) return oauthError('invalid_grant', 'code_verifier is missing (the authorization request used PKCE)');
    if (!VERIFIER.test(verifier)) return oauthError('invalid_grant', 'code_verifier must be 43 to 128 characters of [A-Za-z0-9._~-]');
    if (s256(verifier) !== grant.codeChallenge) return oauthError('invalid_grant', 'code_verifier does not match the code_challenge');
  } else if (verifier !== undefined) {
    return oauthError('invalid_grant', 'code_verifier given, but the authorization request had no code_challenge');
  }
  return issueTokens(env, req, {
    clientId: client.client_id,
    username: grant.username,
    scope: grant.scope,
    nonce: grant.nonce,
    authTime: grant.authTime,
    audience: param(req.body, 'audience'),
    refresh: true,
  });
}

export async function refreshTokenGrant(env: ProviderEnv, req: AuthRequest, client: AuthClient): Promise<AuthAnswer> {
  const token = param(req.body, 'refresh_token');
  if (token === undefined) return oauthError('invalid_request', 'refresh_token is missing');
  const found = env.grants.findRefresh(token, env.clock());
  if (found.found === 'expired') return oauthError('invalid_grant', 'the refresh token has expired');
  if (found.found === 'revoked') return oauthError('invalid_grant', 'the refresh token has been revoked');
  if (found.found !== 'ok') return oauthError('invalid_grant', 'unknown refresh token');
  const { grant } = found;
  if (grant.clientId !== client.client_id) return oauthError('invalid_grant', 'the refresh token was issued to another client');
  if (!env.settings.users.has(grant.username)) return oauthError('invalid_grant', `user "${grant.username}" no longer exists`);
  // A narrower scope may be asked for (RFC 6749 §6), never a wider one.
  const asked = splitScope(param(req.body, 'scope'));
  const granted = splitScope(grant.scope);
  const wider = asked.filter((s) => !granted.includes(s));
  if (wider.length > 0) return oauthError('invalid_scope', `scope ${wider.join(' ')} was not granted originally`);
  return issueTokens(env, req, {
    clientId: client.client_id,
    username: grant.username,
    scope: asked.length > 0 ? asked.join(' ') : grant.scope,
    audience: grant.audience,
    issuer: grant.issuer,
    refresh: true,
  });
}
