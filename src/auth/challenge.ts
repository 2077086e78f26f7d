/** 401 and 403 answers of the per-endpoint check, with the WWW-Authenticate header RFC 6750 / RFC 7617 ask for. */
import type { AuthAnswer } from './auth-types';
import type { RejectReason } from './builtin-verify';

export type AuthVerdict = { ok: true; claims?: Record<string, unknown> } | { ok: false; reason: RejectReason; answer: AuthAnswer };

/** RFC 6750 §3: error_description may hold only printable ASCII without `"` and `\`. */
const quoted = (s: string): string => `"${s.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, "'")}"`;

/** No credentials at all: a challenge without an error code (RFC 6750 §3.1). */
export function bearerMissing(scopes: readonly string[]): AuthVerdict {
  const scope = scopes.length > 0 ? `, scope=${quoted(scopes.join(' '))}` : '';
  return {
    ok: false,
    reason: 'missing',
    answer: { status: 401, headers: { 'WWW-Authenticate': `Bearer realm="mockdock"${scope}` }, body: { error: 'missing bearer token: send Authorization: Bearer <token>' } },
  };
}

export function bearerInvalid(reason: RejectReason, description: string): AuthVerdict {
  return {
    ok: false,
    reason,
    answer: {
      status: 401,
      headers: { 'WWW-Authenticate': `Bearer realm="mockdock", error="invalid_token", error_description=${quoted(description)}` },
      body: { error: 'invalid_token', error_description: description },
    },
  };
}

export function bearerForbidden(reason: RejectReason, description: string, scopes: readonly string[]): AuthVerdict {
  const scope = scopes.length > 0 ? `, scope=${quoted(scopes.join(' '))}` : '';
  return {
    ok: false,
    reason,
    answer: {
      status: 403,
      headers: { 'WWW-Authenticate': `Bearer realm="mockdock", error="insufficient_scope", error_description=${quoted(description)}${scope}` },
      body: { error: 'insufficient_scope', error_description: description },
    },
  };
}

export function basicRefused(reason: RejectReason, description: string): AuthVerdict {
  return { ok: false, reason, answer: { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="mockdock", charset="UTF-8"' }, body: { error: description } } };
}

export function apiKeyRefused(reason: RejectReason, description: string, where: string): AuthVerdict {
  return { ok: false, reason, answer: { status: 401, headers: { 'WWW-Authenticate': `ApiKey realm="mockdock", in=${quoted(where)}` }, body: { error: description } } };
}
