/** `POST /__auth/token`: client authentication, then the grant the request names (RFC 6749 §4, RFC 7636). */
import type { AuthAnswer, AuthClient, AuthRequest } from './auth-types';
import { authenticateClient } from './client-auth';
import { authorizationCodeGrant, refreshTokenGrant } from './code-grants';
import { issueTokens } from './issue-tokens';
import { oauthError, param } from './oauth-answer';
import type { ProviderEnv } from './provider-env';
import { decideScope } from './scope-policy';

type Grant = (env: ProviderEnv, req: AuthRequest, client: AuthClient) => Promise<AuthAnswer>;

const GRANTS: Record<string, Grant> = {
  client_credentials: clientCredentialsGrant,
  password: passwordGrant,
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
};

export async function tokenEndpoint(env: ProviderEnv, req: AuthRequest): Promise<AuthAnswer> {
  if (req.body === undefined || req.body === null || typeof req.body !== 'object') {
    return oauthError('invalid_request', 'send the parameters as application/x-www-form-urlencoded');
  }
  const grantType = param(req.body, 'grant_type');
  if (grantType === undefined) return oauthError('invalid_request', 'grant_type is missing');
  const grant = Object.hasOwn(GRANTS, grantType) ? GRANTS[grantType] : undefined;
  if (grant === undefined) {
    return oauthError('unsupported_grant_type', `grant_type "${grantType}" is not supported; use ${Object.keys(GRANTS).join(', ')}`);
  }
  const auth = authenticateClient(req, env.settings.clients);
  if (auth.ok === false) return auth.answer;
  if (auth.ok === 'none') return oauthError('invalid_client', 'client authentication is missing: send client_id (and client_secret) by Basic or in the form');
  return grant(env, req, auth.client);
}

async function clientCredentialsGrant(env: ProviderEnv, req: AuthRequest, client: AuthClient): Promise<AuthAnswer> {
  if (client.public) return oauthError('unauthorized_client', `public client "${client.client_id}" cannot use client_credentials`);
  const scope = decideScope(client, param(req.body, 'scope'));
  if (!scope.ok) return oauthError('invalid_scope', scope.description);
  return issueTokens(env, req, { clientId: client.client_id, scope: scope.scope, audience: param(req.body, 'audience'), refresh: false });
}

async function passwordGrant(env: ProviderEnv, req: AuthRequest, client: AuthClient): Promise<AuthAnswer> {
  const username = param(req.body, 'username');
  const password = param(req.body, 'password') ?? '';
  if (username === undefined) return oauthError('invalid_request', 'username is missing');
  const user = env.settings.users.get(username);
  if (user === undefined) return oauthError('invalid_grant', `unknown user "${username}"`);
  if (user.password !== undefined && user.password !== password) return oauthError('invalid_grant', `wrong password for user "${username}"`);
  const scope = decideScope(client, param(req.body, 'scope'));
  if (!scope.ok) return oauthError('invalid_scope', scope.description);
  return issueTokens(env, req, { clientId: client.client_id, username, scope: scope.scope, audience: param(req.body, 'audience'), refresh: true });
}
