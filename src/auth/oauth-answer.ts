/** Answers in the shapes OAuth 2.0 prescribes: JSON that is never cached, and RFC 6749 errors. */
import type { AuthAnswer } from './auth-types';

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

export function jsonAnswer(body: unknown, status = 200, headers: Record<string, string> = {}): AuthAnswer {
  return { status, headers: { ...NO_STORE, ...headers }, body };
}

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_token'
  | 'unsupported_response_type'
  | 'access_denied';

/** An RFC 6749 §5.2 error; `invalid_client` after Basic authentication is a 401 with a challenge. */
export function oauthError(error: OAuthErrorCode, description: string, opts: { status?: number; basicChallenge?: boolean } = {}): AuthAnswer {
  const status = opts.status ?? (error === 'invalid_client' ? 401 : 400);
  const headers: Record<string, string> = opts.basicChallenge ? { 'WWW-Authenticate': 'Basic realm="mockdock", charset="UTF-8"' } : {};
  return jsonAnswer({ error, error_description: description }, status, headers);
}

/** A single string parameter from a form body or query; undefined when absent, repeated or not text. */
export function param(source: unknown, name: string): string | undefined {
  if (source === null || typeof source !== 'object') return undefined;
  const value = (source as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
