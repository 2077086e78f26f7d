/** `GET|POST /__auth/authorize`: the authorization code flow's front channel (RFC 6749 §4.1, PKCE, login_hint). */
import { randomBytes } from 'node:crypto';
import type { AuthAnswer, AuthRequest } from './auth-types';
import { issuerOf } from './issuer';
import { errorPage, loginPage } from './login-page';
import type { ProviderEnv } from './provider-env';
import { decideScope } from './scope-policy';

/** RFC 6749 §4.1.2 recommends at most ten minutes; a test needs far less. */
export const CODE_TTL_S = 120;

const KNOWN = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'login_hint', 'prompt', 'response_mode'];

function paramsOf(req: AuthRequest): Record<string, string> {
  const source = (req.method === 'POST' ? req.body : req.query) as Record<string, unknown> | undefined;
  const out: Record<string, string> = {};
  for (const k of KNOWN) {
    const v = source?.[k];
    if (typeof v === 'string' && v !== '') out[k] = v;
  }
  return out;
}

function redirect(to: string, fields: Record<string, string | undefined>): AuthAnswer {
  const url = new URL(to);
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) url.searchParams.set(k, v);
  return { status: 302, headers: { Location: url.toString(), 'Cache-Control': 'no-store' }, body: '' };
}

export function authorizeEndpoint(env: ProviderEnv, req: AuthRequest): AuthAnswer {
  const p = paramsOf(req);
  const { clients, users } = env.settings;
  // Until client and redirect URI are known good, errors are shown, never redirected (§4.1.2.1).
  if (p.client_id === undefined) return errorPage(400, 'client_id is missing from the authorization request.');
  const client = clients.get(p.client_id);
  if (client === undefined) return errorPage(400, `Unknown client_id "${p.client_id}": add it under auth.clients in mockdock.yaml.`);
  const registered = client.redirect_uris ?? [];
  const redirectUri = p.redirect_uri ?? (registered.length === 1 ? registered[0] : undefined);
  if (redirectUri === undefined) return errorPage(400, 'redirect_uri is missing and the client has not exactly one registered.');
  if (!registered.includes(redirectUri)) {
    return errorPage(400, `redirect_uri "${redirectUri}" is not registered for client "${client.client_id}" (registered: ${registered.join(', ') || 'none'}).`);
  }
  const issuer = issuerOf(req, env.settings.issuer, env.publicUrl);
  const fail = (error: string, description: string) => redirect(redirectUri, { error, error_description: description, state: p.state, iss: issuer });

  if (p.response_type !== 'code') return fail('unsupported_response_type', 'only response_type=code is supported');
  if (p.code_challenge_method !== undefined && p.code_challenge_method !== 'S256') {
    return fail('invalid_request', 'code_challenge_method must be S256');
  }
  if (p.code_challenge === undefined && client.public) return fail('invalid_request', `public client "${client.client_id}" must use PKCE (code_challenge with S256)`);
  if (p.code_challenge !== undefined && !/^[A-Za-z0-9_-]{43}$/.test(p.code_challenge)) {
    return fail('invalid_request', 'code_challenge must be the base64url SHA-256 of the code_verifier (43 characters)');
  }
  const scope = decideScope(client, p.scope);
  if (!scope.ok) return fail('invalid_scope', scope.description);

  const username = p.login_hint;
  if (username === undefined || !users.has(username)) {
    if (p.prompt === 'none') return fail('login_required', 'no user signed in; pass login_hint');
    const notice = username === undefined ? undefined : `Unknown user "${username}".`;
    return loginPage(client.client_id, users.values(), p, notice);
  }
  const code = randomBytes(32).toString('base64url');
  const now = env.clock();
  env.grants.saveCode(
    code,
    { clientId: client.client_id, redirectUri, username, scope: scope.scope, nonce: p.nonce, codeChallenge: p.code_challenge, authTime: now },
    now + CODE_TTL_S * 1000,
  );
  env.issuers.add(issuer);
  return redirect(redirectUri, { code, state: p.state, iss: issuer });
}
