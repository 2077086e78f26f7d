/** Signing the provider's JWTs: access tokens, ID tokens and the deliberately broken ones tests ask for. */
import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import type { SigningKey } from './signing-key';

export interface TokenFields {
  issuer: string;
  subject: string;
  audience?: string | string[];
  /** Space-separated. */
  scope?: string;
  /** Extra claims (a user's claims, a test's); the registered claims above win over them. */
  claims?: Record<string, unknown>;
  /** Lifetime in seconds; 0 or less gives a token that has already expired. */
  ttlS: number;
}

export interface Minted {
  token: string;
  jti: string;
  /** Seconds since the epoch. */
  exp: number;
  iat: number;
}

const REGISTERED = ['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti'];

export async function mintToken(key: SigningKey, fields: TokenFields, nowMs: number): Promise<Minted> {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + Math.trunc(fields.ttlS);
  const jti = randomUUID();
  const payload: JWTPayload = {};
  for (const [k, v] of Object.entries(fields.claims ?? {})) if (!REGISTERED.includes(k)) payload[k] = v;
  if (fields.scope !== undefined && fields.scope !== '') payload.scope = fields.scope;
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(fields.issuer)
    .setSubject(fields.subject)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(jti);
  if (fields.audience !== undefined) jwt.setAudience(fields.audience);
  return { token: await jwt.sign(key.privateKey), jti, exp, iat };
}

/** The same token with its signature changed, so it no longer verifies (for negative tests). */
export function tamper(token: string): string {
  const dot = token.lastIndexOf('.');
  const sig = token.slice(dot + 1);
  const first = sig[0] === 'A' ? 'B' : 'A';
  return `${token.slice(0, dot + 1)}${first}${sig.slice(1)}`;
}
