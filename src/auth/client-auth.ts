/** Client authentication at the token, introspection and revocation endpoints: HTTP Basic or form fields. */
import { timingSafeEqual } from 'node:crypto';
import type { AuthAnswer, AuthClient, AuthRequest } from './auth-types';
import { oauthError, param } from './oauth-answer';

export type ClientAuth = { ok: true; client: AuthClient } | { ok: false; answer: AuthAnswer } | { ok: 'none' };

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 6749 §2.3.1: Basic credentials are form-encoded before base64. */
function decodeBasic(header: string): { id: string; secret: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header);
  if (m === null) return null;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  try {
    const plus = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return { id: plus(text.slice(0, colon)), secret: plus(text.slice(colon + 1)) };
  } catch {
    return null;
  }
}

/**
 * Who the client is. A confidential client must prove its secret; a public one names itself by
 * `client_id` alone. `{ok: 'none'}` when the request carries no client at all.
 */
export function authenticateClient(req: AuthRequest, clients: ReadonlyMap<string, AuthClient>): ClientAuth {
  const header = req.headers.authorization;
  const basic = header !== undefined && /^Basic\s/i.test(header);
  let id: string | undefined;
  let secret: string | undefined;
  if (basic) {
    const creds = decodeBasic(header);
    if (creds === null) return { ok: false, answer: oauthError('invalid_client', 'the Basic credentials are malformed', { basicChallenge: true }) };
    ({ id, secret } = creds);
  } else {
    id = param(req.body, 'client_id');
    secret = param(req.body, 'client_secret');
  }
  if (id === undefined) return { ok: 'none' };
  const client = clients.get(id);
  if (client === undefined) {
    return { ok: false, answer: oauthError('invalid_client', `unknown client_id "${id}"`, { basicChallenge: basic }) };
  }
  if (client.public) return { ok: true, client };
  if (secret === undefined) {
    return { ok: false, answer: oauthError('invalid_client', `client "${id}" must authenticate with its client_secret`, { basicChallenge: basic }) };
  }
  if (!sameSecret(secret, client.client_secret ?? '')) {
    return { ok: false, answer: oauthError('invalid_client', `wrong client_secret for client "${id}"`, { basicChallenge: basic }) };
  }
  return { ok: true, client };
}
