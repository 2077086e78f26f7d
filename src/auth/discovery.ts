/** `GET /.well-known/openid-configuration` and `GET /__auth/jwks.json`. */
import type { AuthAnswer, AuthRequest } from './auth-types';
import { baseUrlOf, issuerOf } from './issuer';
import type { ProviderEnv } from './provider-env';
import { OIDC_SCOPES } from './provider-env';

export function discoveryDocument(env: ProviderEnv, req: AuthRequest): AuthAnswer {
  const base = baseUrlOf(req, env.publicUrl);
  const { settings } = env;
  const scopes = new Set(OIDC_SCOPES);
  for (const c of settings.clients.values()) for (const s of c.scopes ?? []) scopes.add(s);
  const claims = new Set(['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'jti', 'scope', 'client_id', 'azp']);
  for (const u of settings.users.values()) for (const k of Object.keys(u.claims ?? {})) claims.add(k);
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-cache' },
    body: {
      issuer: issuerOf(req, settings.issuer, env.publicUrl),
      authorization_endpoint: `${base}/__auth/authorize`,
      token_endpoint: `${base}/__auth/token`,
      userinfo_endpoint: `${base}/__auth/userinfo`,
      jwks_uri: `${base}/__auth/jwks.json`,
      introspection_endpoint: `${base}/__auth/introspect`,
      revocation_endpoint: `${base}/__auth/revoke`,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'client_credentials', 'password', 'refresh_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [settings.algorithm],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: [...scopes],
      claims_supported: [...claims],
      authorization_response_iss_parameter_supported: true,
    },
  };
}

export async function jwksDocument(env: ProviderEnv): Promise<AuthAnswer> {
  return { status: 200, headers: { 'Cache-Control': 'no-cache', 'Content-Type': 'application/jwk-set+json' }, body: await env.keys.jwks() };
}
