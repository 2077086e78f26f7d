/** Tokens an endpoint has already verified, so a client that repeats its token costs no signature check. */
import type { JWTPayload } from 'jose';

interface Entry {
  claims: JWTPayload;
  /** ms since the epoch; Infinity for a token without `exp`. */
  expiresAt: number;
  /** The key generation it was verified under: a dropped key makes the entry stale. */
  generation: number;
}

/**
 * Bounded (oldest out first). A hit is still checked against the clock, so an expired token is
 * refused exactly as a fresh verification would refuse it.
 */
export class VerifiedCache {
  private readonly map = new Map<string, Entry>();
  constructor(private readonly max = 1000) {}

  get(token: string, now: number, generation: number): JWTPayload | undefined {
    const entry = this.map.get(token);
    if (entry === undefined) return undefined;
    if (entry.generation !== generation || entry.expiresAt <= now) {
      this.map.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  set(token: string, claims: JWTPayload, generation: number): void {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : Infinity;
    this.map.set(token, { claims, expiresAt, generation });
  }

  get size(): number {
    return this.map.size;
  }
}
