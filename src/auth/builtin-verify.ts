/** Verifying a token the built-in provider signed: its keys (by `kid`), an issuer it used, not revoked. */
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { ProviderEnv } from './provider-env';

export type VerifyFailure = { ok: false; reason: RejectReason; description: string };
export type Verified = { ok: true; claims: JWTPayload };

/** Why a credential was refused: the `reason` label of mockdock_auth_rejections_total. */
export type RejectReason =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'bad_signature'
  | 'unknown_key'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'revoked'
  | 'insufficient_scope'
  | 'missing_claim'
  | 'bad_credentials'
  | 'bad_api_key'
  | 'jwks_unavailable';

export const BUILTIN_ALGORITHMS = ['RS256', 'ES256'];

/** A key resolver over the provider's current and retired keys. */
export function builtinKeys(env: ProviderEnv): JWTVerifyGetKey {
  return async (header) => {
    if (!env.keys.hasKey) await env.keys.current();
    const key = env.keys.publicKey(header.kid);
    if (key === undefined) throw new errors.JWKSNoMatchingKey();
    return key;
  };
}

/** jose's errors, turned into a reason and a sentence a tester can act on. */
export function describeJoseError(err: unknown): VerifyFailure {
  if (err instanceof errors.JWTExpired) return { ok: false, reason: 'expired', description: 'the token has expired' };
  if (err instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'bad_signature', description: 'the token signature does not verify' };
  if (err instanceof errors.JWKSNoMatchingKey) return { ok: false, reason: 'unknown_key', description: 'no key matches the token kid' };
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return { ok: false, reason: 'wrong_issuer', description: 'the token issuer is not accepted' };
    if (err.claim === 'aud') return { ok: false, reason: 'wrong_audience', description: 'the token audience is not accepted' };
    return { ok: false, reason: 'malformed', description: `the token ${err.claim} claim is not valid` };
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return { ok: false, reason: 'malformed', description: 'the token algorithm is not accepted' };
  if (err instanceof errors.JWKSTimeout || (err instanceof Error && /fetch|JWKS/i.test(err.message) && !(err instanceof errors.JOSEError))) {
    return { ok: false, reason: 'jwks_unavailable', description: 'the JWKS could not be fetched' };
  }
  return { ok: false, reason: 'malformed', description: 'the token is not a valid JWT' };
}

/** Verifies one of our own tokens (userinfo, introspection). */
export async function verifyOwnToken(env: ProviderEnv, token: string): Promise<Verified | VerifyFailure> {
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, builtinKeys(env), { algorithms: BUILTIN_ALGORITHMS, currentDate: new Date(env.clock()) }));
  } catch (err) {
    return describeJoseError(err);
  }
  if (!env.issuers.has(claims.iss)) return { ok: false, reason: 'wrong_issuer', description: 'the token was not issued by this provider' };
  if (env.grants.isRevoked(claims.jti)) return { ok: false, reason: 'revoked', description: 'the token has been revoked' };
  return { ok: true, claims };
}
