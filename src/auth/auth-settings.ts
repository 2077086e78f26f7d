/** Compiles `auth` of mockdock.yaml into the provider's settings; every problem is reported at its key. */
import type { ConfigIssue } from '../errors/config-issue';
import type { Locate } from '../model/endpoint';
import { issueAt, shown } from '../behaviours/issue';
import { DEFAULT_PROVIDER_SETTINGS, type AuthClient, type AuthUser, type ProviderSettings } from './auth-types';
import type { JWK } from 'jose';
import { parsePemKey } from './signing-key';

export type SettingsResult = { ok: true; settings: ProviderSettings } | { ok: false; issues: ConfigIssue[] };

/** Reads `key_file` (relative to the config folder; the caller keeps it inside). */
export type ReadKeyFile = (relPath: string) => { text: string } | { problem: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s !== '');
const KEYS = ['issuer', 'algorithm', 'key_file', 'token_ttl_s', 'refresh_token_ttl_s', 'rotation_overlap_s', 'clients', 'users'];

/** `locate` places pointers relative to the settings file (so `auth` sits at `/auth`). */
export function compileAuthSettings(spec: unknown, locate: Locate, readKeyFile: ReadKeyFile): SettingsResult {
  if (spec === undefined || spec === null) return { ok: true, settings: DEFAULT_PROVIDER_SETTINGS };
  const issues: ConfigIssue[] = [];
  const at = (pointer: string, rule: string) => issues.push(issueAt(locate, `/auth${pointer}`, rule));
  if (!isObject(spec)) {
    at('', `must be an object (got ${shown(spec)})`);
    return { ok: false, issues };
  }
  for (const k of Object.keys(spec).filter((k) => !KEYS.includes(k))) at(`/${k}`, `is not an auth setting; use ${KEYS.join(', ')}`);
  const d = DEFAULT_PROVIDER_SETTINGS;
  const issuer = spec.issuer;
  if (issuer !== undefined && !isAbsoluteUrl(issuer)) at('/issuer', `must be an absolute URL such as http://localhost:8080 (got ${shown(issuer)})`);
  const algorithm = spec.algorithm ?? d.algorithm;
  if (algorithm !== 'RS256' && algorithm !== 'ES256') at('/algorithm', `must be RS256 or ES256 (got ${shown(algorithm)})`);
  const seconds = (key: string, fallback: number, min: number): number => {
    const v = spec[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) at(`/${key}`, `must be a number of seconds >= ${min} (got ${shown(v)})`);
    return v as number;
  };
  const tokenTtlS = seconds('token_ttl_s', d.tokenTtlS, 1);
  const refreshTtlS = seconds('refresh_token_ttl_s', d.refreshTtlS, 1);
  const overlapS = seconds('rotation_overlap_s', d.overlapS, 0);

  let keyFileJwk: JWK | null = null;
  if (spec.key_file !== undefined) {
    if (typeof spec.key_file !== 'string' || spec.key_file === '') at('/key_file', 'must be a path inside the config folder');
    else {
      const read = readKeyFile(spec.key_file);
      if ('problem' in read) at('/key_file', read.problem);
      else if (algorithm === 'RS256' || algorithm === 'ES256') {
        const parsed = parsePemKey(read.text, algorithm);
        if ('problem' in parsed) at('/key_file', `${spec.key_file} ${parsed.problem}`);
        else keyFileJwk = parsed.jwk;
      }
    }
  }

  const clients = new Map<string, AuthClient>();
  const clientList = spec.clients ?? [];
  if (!Array.isArray(clientList)) at('/clients', `must be a list of clients (got ${shown(clientList)})`);
  else clientList.forEach((c, i) => checkClient(c, `/clients/${i}`, at, clients));
  const users = new Map<string, AuthUser>();
  const userList = spec.users ?? [];
  if (!Array.isArray(userList)) at('/users', `must be a list of users (got ${shown(userList)})`);
  else userList.forEach((u, i) => checkUser(u, `/users/${i}`, at, users));

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    settings: Object.freeze({
      issuer: (issuer as string | undefined)?.replace(/\/+$/, '') ?? null,
      algorithm: algorithm as 'RS256' | 'ES256',
      keyFileJwk,
      tokenTtlS,
      refreshTtlS,
      overlapS,
      clients,
      users,
    }),
  };
}

type At = (pointer: string, rule: string) => void;

function checkClient(c: unknown, p: string, at: At, out: Map<string, AuthClient>): void {
  if (!isObject(c) || typeof c.client_id !== 'string' || c.client_id === '') return at(p, 'must be {client_id, client_secret?, public?, scopes?, redirect_uris?}');
  const known = ['client_id', 'client_secret', 'public', 'scopes', 'redirect_uris'];
  for (const k of Object.keys(c).filter((k) => !known.includes(k))) at(`${p}/${k}`, `is not a client setting; use ${known.join(', ')}`);
  if (out.has(c.client_id)) at(`${p}/client_id`, `repeats client "${c.client_id}"`);
  if (c.public !== undefined && typeof c.public !== 'boolean') at(`${p}/public`, 'must be true or false');
  if (c.public === true && c.client_secret !== undefined) at(`${p}/client_secret`, 'a public client has no secret (it uses PKCE)');
  if (c.public !== true && (typeof c.client_secret !== 'string' || c.client_secret === '')) at(p, `client "${c.client_id}" needs a client_secret, or public: true`);
  if (c.scopes !== undefined && !isStringList(c.scopes)) at(`${p}/scopes`, 'must be a list of scope names');
  if (c.redirect_uris !== undefined && !(Array.isArray(c.redirect_uris) && c.redirect_uris.every(isAbsoluteUrl))) at(`${p}/redirect_uris`, 'must be a list of absolute URLs');
  out.set(c.client_id, c as unknown as AuthClient);
}

function checkUser(u: unknown, p: string, at: At, out: Map<string, AuthUser>): void {
  if (!isObject(u) || typeof u.username !== 'string' || u.username === '') return at(p, 'must be {username, password?, claims?}');
  const known = ['username', 'password', 'claims'];
  for (const k of Object.keys(u).filter((k) => !known.includes(k))) at(`${p}/${k}`, `is not a user setting; use ${known.join(', ')}`);
  if (out.has(u.username)) at(`${p}/username`, `repeats user "${u.username}"`);
  if (u.password !== undefined && typeof u.password !== 'string') at(`${p}/password`, 'must be a string');
  if (u.claims !== undefined && !isObject(u.claims)) at(`${p}/claims`, 'must be an object of claims');
  out.set(u.username, u as unknown as AuthUser);
}

function isAbsoluteUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    return /^https?:$/.test(new URL(v).protocol);
  } catch {
    return false;
  }
}
