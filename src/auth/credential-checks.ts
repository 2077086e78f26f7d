/** The `auth: {basic: …}` and `auth: {api_key: …}` checks of one endpoint, compiled once per reload. */
import { timingSafeEqual } from 'node:crypto';
import { apiKeyRefused, basicRefused, type AuthVerdict } from './challenge';
import type { AuthCheck } from './jwt-check';

export interface BasicEntry {
  username: string;
  password: string;
}

export interface ApiKeySpec {
  header?: string;
  query?: string;
  values: string[];
}

function oneOf(given: string, allowed: readonly Buffer[]): boolean {
  const g = Buffer.from(given);
  let hit = false;
  // Compare with every entry, so timing does not tell which one (or whether any) came close.
  for (const a of allowed) if (a.length === g.length && timingSafeEqual(a, g)) hit = true;
  return hit;
}

export function compileBasicCheck(entries: readonly BasicEntry[]): AuthCheck {
  const allowed = entries.map((e) => Buffer.from(`${e.username}:${e.password}`));
  return (req): AuthVerdict => {
    const m = /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(req.headers.authorization ?? '');
    if (m === null) return basicRefused('missing', 'HTTP Basic credentials are required');
    const pair = Buffer.from(m[1], 'base64').toString('utf8');
    if (!oneOf(pair, allowed)) return basicRefused('bad_credentials', 'wrong username or password');
    return { ok: true, claims: { sub: pair.slice(0, pair.indexOf(':')) } };
  };
}

export function compileApiKeyCheck(spec: ApiKeySpec): AuthCheck {
  const allowed = spec.values.map((v) => Buffer.from(v));
  const header = spec.header?.toLowerCase();
  const where = header !== undefined ? `header ${spec.header}` : `query ${spec.query}`;
  return (req): AuthVerdict => {
    let given: string | undefined;
    if (header !== undefined) given = req.headers[header];
    else {
      const q = req.query[spec.query as string];
      given = Array.isArray(q) ? q[0] : q;
    }
    if (given === undefined || given === '') return apiKeyRefused('missing', `an API key is required in ${where}`, where);
    if (!oneOf(given, allowed)) return apiKeyRefused('bad_api_key', `the API key in ${where} is not accepted`, where);
    return { ok: true };
  };
}
