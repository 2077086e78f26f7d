/** The shapes the auth code shares: the request it reads, the answer it gives, the settings it runs on. */
import type { JWK } from 'jose';
import type { SigningAlgorithm } from './seeded-key';

/** A request as the provider's handlers see it (the HTTP adapter fills it in). */
export interface AuthRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed form or JSON body; undefined when there is none. */
  body: unknown;
}

/** An answer; the adapter writes it out. A string body is sent as it is, anything else as JSON. */
export interface AuthAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface AuthClient {
  client_id: string;
  client_secret?: string;
  /** A public client (a SPA, a mobile app) has no secret and must use PKCE. */
  public?: boolean;
  /** Scopes the client may ask for; any when absent. */
  scopes?: string[];
  redirect_uris?: string[];
}

export interface AuthUser {
  username: string;
  password?: string;
  claims?: Record<string, unknown>;
}

/** `auth` in mockdock.yaml, as written. */
export interface AuthSettingsSpec {
  issuer?: string;
  algorithm?: SigningAlgorithm;
  key_file?: string;
  token_ttl_s?: number;
  refresh_token_ttl_s?: number;
  rotation_overlap_s?: number;
  clients?: AuthClient[];
  users?: AuthUser[];
}

/** `auth` compiled: defaults filled in, clients and users indexed, the key file read. */
export interface ProviderSettings {
  readonly issuer: string | null;
  readonly algorithm: SigningAlgorithm;
  readonly keyFileJwk: JWK | null;
  readonly tokenTtlS: number;
  readonly refreshTtlS: number;
  readonly overlapS: number;
  readonly clients: ReadonlyMap<string, AuthClient>;
  readonly users: ReadonlyMap<string, AuthUser>;
}

export const DEFAULT_PROVIDER_SETTINGS: ProviderSettings = Object.freeze({
  issuer: null,
  algorithm: 'RS256',
  keyFileJwk: null,
  tokenTtlS: 3600,
  refreshTtlS: 86400,
  overlapS: 300,
  clients: new Map(),
  users: new Map(),
});
