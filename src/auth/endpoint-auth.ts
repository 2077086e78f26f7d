/** Compiles an endpoint's `auth` key into its check (once per reload); every problem is reported at its key. */
import type { ConfigIssue } from '../errors/config-issue';
import type { Locate } from '../model/endpoint';
import { issueAt, shown } from '../behaviours/issue';
import { compileApiKeyCheck, compileBasicCheck, type ApiKeySpec, type BasicEntry } from './credential-checks';
import { compileJwtCheck, type AuthCheck, type JwtCheckSpec } from './jwt-check';
import type { ProviderEnv } from './provider-env';

export type EndpointAuthResult = { ok: true; check: AuthCheck | null } | { ok: false; issues: ConfigIssue[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s !== '');
const FORMS = ['jwt', 'basic', 'api_key'];

export function compileEndpointAuth(spec: unknown, locate: Locate, provider: ProviderEnv): EndpointAuthResult {
  if (spec === undefined || spec === null) return { ok: true, check: null };
  const issues: ConfigIssue[] = [];
  const at = (pointer: string, rule: string) => issues.push(issueAt(locate, `/auth${pointer}`, rule));
  const forms = isObject(spec) ? Object.keys(spec) : [];
  if (!isObject(spec) || forms.length !== 1 || !FORMS.includes(forms[0])) {
    at('', `must have exactly one of jwt, basic or api_key (got ${shown(spec)})`);
    return { ok: false, issues };
  }
  const [form] = forms;
  const value = spec[form];
  let check: AuthCheck | null = null;
  if (form === 'jwt') {
    const jwt = value ?? {};
    if (!isObject(jwt)) at('/jwt', `must be an object {scopes?, claims?, audience?, issuer?, jwks_url?, secret?} (got ${shown(jwt)})`);
    else {
      if (jwt.scopes !== undefined && !isStringList(jwt.scopes)) at('/jwt/scopes', `must be a list of scope names (got ${shown(jwt.scopes)})`);
      if (jwt.claims !== undefined && !isObject(jwt.claims)) at('/jwt/claims', `must be an object of claim names to values (got ${shown(jwt.claims)})`);
      if (jwt.audience !== undefined && typeof jwt.audience !== 'string' && !isStringList(jwt.audience)) at('/jwt/audience', `must be a string or a list of strings (got ${shown(jwt.audience)})`);
      if (jwt.issuer !== undefined && (typeof jwt.issuer !== 'string' || jwt.issuer === '')) at('/jwt/issuer', `must be a string (got ${shown(jwt.issuer)})`);
      if (jwt.secret !== undefined && (typeof jwt.secret !== 'string' || jwt.secret === '')) at('/jwt/secret', 'must be a non-empty string (the HS256 shared secret)');
      if (jwt.jwks_url !== undefined && !isHttpUrl(jwt.jwks_url)) at('/jwt/jwks_url', `must be an http(s) URL (got ${shown(jwt.jwks_url)})`);
      if (jwt.jwks_url !== undefined && jwt.secret !== undefined) at('/jwt', 'takes jwks_url or secret, not both');
      const unknown = Object.keys(jwt).filter((k) => !['scopes', 'claims', 'audience', 'issuer', 'jwks_url', 'secret'].includes(k));
      for (const k of unknown) at(`/jwt/${k}`, 'is not a jwt option; use scopes, claims, audience, issuer, jwks_url or secret');
      if (issues.length === 0) check = compileJwtCheck(jwt as JwtCheckSpec, provider);
    }
  } else if (form === 'basic') {
    const ok = Array.isArray(value) && value.length > 0 && value.every((e) => isObject(e) && typeof e.username === 'string' && typeof e.password === 'string' && !e.username.includes(':'));
    if (!ok) at('/basic', `must be a non-empty list of {username, password} (a username without ":") (got ${shown(value)})`);
    else check = compileBasicCheck(value as BasicEntry[]);
  } else {
    const key = isObject(value) ? value : {};
    const places = ['header', 'query'].filter((k) => key[k] !== undefined);
    if (!isObject(value)) at('/api_key', `must be {header: NAME, values: [...]} or {query: NAME, values: [...]} (got ${shown(value)})`);
    else {
      if (places.length !== 1 || typeof key[places[0]] !== 'string' || key[places[0]] === '') at('/api_key', 'needs exactly one of header: NAME or query: NAME');
      if (!isStringList(key.values) || key.values.length === 0) at('/api_key/values', `must be a non-empty list of accepted keys (got ${shown(key.values)})`);
      if (issues.length === 0) check = compileApiKeyCheck(value as unknown as ApiKeySpec);
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, check };
}

function isHttpUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
