/** The `auth: {jwt: …}` check of one endpoint, compiled once per reload: key source, expected claims, a cache. */
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { BUILTIN_ALGORITHMS, builtinKeys, describeJoseError } from './builtin-verify';
import { bearerForbidden, bearerInvalid, bearerMissing, type AuthVerdict } from './challenge';
import { failedClaim, missingScopes } from './claim-rules';
import type { ProviderEnv } from './provider-env';
import { VerifiedCache } from './verified-cache';

export interface JwtCheckSpec {
  scopes?: string[];
  claims?: Record<string, unknown>;
  audience?: string | string[];
  issuer?: string;
  jwks_url?: string;
  secret?: string;
}

export interface CheckRequest {
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
}

export type AuthCheck = (req: CheckRequest, now: number) => AuthVerdict | Promise<AuthVerdict>;

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;
const REMOTE_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Options for the remote JWKS: fetched at the first check, then kept; a new `kid` refetches at most every 30 s. */
export const REMOTE_JWKS_OPTIONS = { cacheMaxAge: Infinity, cooldownDuration: 30_000, timeoutDuration: 5_000 } as const;

export function compileJwtCheck(spec: JwtCheckSpec, provider: ProviderEnv): AuthCheck {
  const scopes = spec.scopes ?? [];
  const claims = spec.claims ?? {};
  const builtin = spec.jwks_url === undefined && spec.secret === undefined;
  let key: JWTVerifyGetKey | Uint8Array;
  let algorithms: string[];
  if (spec.secret !== undefined) {
    key = new TextEncoder().encode(spec.secret);
    algorithms = ['HS256'];
  } else if (spec.jwks_url !== undefined) {
    key = createRemoteJWKSet(new URL(spec.jwks_url), REMOTE_JWKS_OPTIONS);
    algorithms = REMOTE_ALGORITHMS;
  } else {
    key = builtinKeys(provider);
    algorithms = BUILTIN_ALGORITHMS;
  }
  const options: JWTVerifyOptions = { algorithms };
  if (spec.issuer !== undefined) options.issuer = spec.issuer;
  if (spec.audience !== undefined) options.audience = spec.audience;
  const cache = new VerifiedCache();
  const generation = builtin ? () => provider.keys.generation : () => 0;

  const judge = (payload: JWTPayload): AuthVerdict => {
    // Revocation is checked on every request, cached or not: it can happen after verification.
    if (builtin && provider.grants.isRevoked(payload.jti)) return bearerInvalid('revoked', 'the token has been revoked');
    const lacking = missingScopes(payload, scopes);
    if (lacking.length > 0) return bearerForbidden('insufficient_scope', `the token lacks scope ${lacking.join(' ')}`, scopes);
    const claimProblem = failedClaim(payload, claims);
    if (claimProblem !== null) return bearerForbidden('missing_claim', claimProblem, scopes);
    return { ok: true, claims: payload };
  };

  const verify = async (token: string, now: number): Promise<AuthVerdict> => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as JWTVerifyGetKey, { ...options, currentDate: new Date(now) }));
    } catch (err) {
      const failure = describeJoseError(err);
      return bearerInvalid(failure.reason, failure.description);
    }
    // Without an `issuer` to hold it to, a token of the built-in keys must carry an issuer the provider used.
    if (builtin && spec.issuer === undefined && !provider.issuers.has(payload.iss)) {
      return bearerInvalid('wrong_issuer', 'the token was not issued by this mockdock');
    }
    cache.set(token, payload, generation());
    return judge(payload);
  };

  return (req, now) => {
    const header = req.headers.authorization;
    if (header === undefined || !/^Bearer(\s|$)/i.test(header)) return bearerMissing(scopes);
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) return bearerInvalid('malformed', 'the Authorization header must be "Bearer <token>"');
    const cached = cache.get(token, now, generation());
    return cached !== undefined ? judge(cached) : verify(token, now);
  };
}
