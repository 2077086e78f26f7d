/** What the provider remembers between requests: authorization codes, refresh tokens, revoked tokens. */

export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  username: string;
  scope: string;
  nonce?: string;
  codeChallenge?: string;
  authTime: number;
}

export interface RefreshGrant {
  clientId: string;
  username: string;
  scope: string;
  audience?: string;
  issuer: string;
}

type Lookup<T> = { found: 'ok'; grant: T; expiresAt: number } | { found: 'used' | 'expired' | 'revoked' | 'unknown' };

interface Held<T> {
  grant: T;
  expiresAt: number;
  state: 'ok' | 'used' | 'revoked';
}

/**
 * A map bounded in size: entries stay past their expiry (so an expired or reused one gets its own
 * error) until the oldest is pushed out by newer ones, which keeps memory bounded.
 */
class BoundedMap<T> {
  private readonly map = new Map<string, Held<T>>();
  constructor(private readonly max: number) {}

  put(key: string, grant: T, expiresAt: number): void {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, { grant, expiresAt, state: 'ok' });
  }

  lookup(key: string, now: number): Lookup<T> {
    const held = this.map.get(key);
    if (held === undefined) return { found: 'unknown' };
    if (held.state !== 'ok') return { found: held.state };
    if (held.expiresAt <= now) return { found: 'expired' };
    return { found: 'ok', grant: held.grant, expiresAt: held.expiresAt };
  }

  mark(key: string, state: 'used' | 'revoked'): void {
    const held = this.map.get(key);
    if (held !== undefined) held.state = state;
  }

  clear(): void {
    this.map.clear();
  }
}

export const MAX_HELD = 10_000;

export class GrantStore {
  private readonly codes = new BoundedMap<CodeGrant>(MAX_HELD);
  private readonly refresh = new BoundedMap<RefreshGrant>(MAX_HELD);
  /** Revoked access tokens by `jti`, until their own expiry (ms). */
  private readonly revoked = new Map<string, number>();

  saveCode(code: string, grant: CodeGrant, expiresAt: number): void {
    this.codes.put(code, grant, expiresAt);
  }

  /** A code works once: the first lookup marks it used, a second one finds it `used`. */
  takeCode(code: string, now: number): Lookup<CodeGrant> {
    const found = this.codes.lookup(code, now);
    if (found.found === 'ok') this.codes.mark(code, 'used');
    return found;
  }

  saveRefresh(token: string, grant: RefreshGrant, expiresAt: number): void {
    this.refresh.put(token, grant, expiresAt);
  }

  findRefresh(token: string, now: number): Lookup<RefreshGrant> {
    return this.refresh.lookup(token, now);
  }

  revokeRefresh(token: string): void {
    this.refresh.mark(token, 'revoked');
  }

  revokeAccess(jti: string, expiresAtMs: number, now: number): void {
    if (this.revoked.size >= MAX_HELD) {
      for (const [id, until] of this.revoked) if (until <= now) this.revoked.delete(id);
      if (this.revoked.size >= MAX_HELD) this.revoked.delete(this.revoked.keys().next().value as string);
    }
    this.revoked.set(jti, expiresAtMs);
  }

  isRevoked(jti: unknown): boolean {
    return typeof jti === 'string' && this.revoked.size > 0 && this.revoked.has(jti);
  }

  /** `POST /__reset`: forget codes, refresh tokens and revocations. */
  reset(): void {
    this.codes.clear();
    this.refresh.clear();
    this.revoked.clear();
  }
}
