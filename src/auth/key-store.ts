/**
 * The provider's keys: the current signing key, the next one (published ahead, so clients that cache
 * the JWKS already know it when a rotation makes it current), and retired ones kept for an overlap window.
 */
import type { CryptoKey, JWK } from 'jose';
import type { Clock } from '../model/clock';
import type { KeySource, SigningKey } from './signing-key';

interface Retired {
  key: SigningKey;
  /** Dropped from the JWKS (and from verification) at this time, ms since the epoch. */
  until: number;
}

export interface RotationResult {
  kid: string;
  retired: Array<{ kid: string; expires_at: string }>;
}

/**
 * Keys are made lazily (the first token, JWKS or check that needs one), so a server that never
 * uses auth pays nothing at start. `generation` changes whenever a key stops verifying, so caches
 * of verified tokens know to start over.
 */
export class KeyStore {
  private source: KeySource;
  private index = 0;
  private currentKey: Promise<SigningKey> | null = null;
  private ready: SigningKey | null = null;
  private nextKey: Promise<SigningKey> | null = null;
  private nextReady: SigningKey | null = null;
  private retired: Retired[] = [];
  private overlapMs: number;
  generation = 0;

  constructor(source: KeySource, overlapS: number, private readonly clock: Clock) {
    this.source = source;
    this.overlapMs = overlapS * 1000;
  }

  /**
   * Settings were reloaded. The same source keeps the keys; a new one (another key_file or
   * algorithm) makes its first key current and retires the old one as a rotation would.
   */
  configure(source: KeySource, overlapS: number): void {
    this.overlapMs = overlapS * 1000;
    if (source.fingerprint === this.source.fingerprint) return;
    this.source = source;
    this.index = 0;
    this.nextKey = null;
    this.nextReady = null;
    this.replaceCurrent();
  }

  current(): Promise<SigningKey> {
    if (this.currentKey === null) {
      const made = this.source.make(this.index);
      this.currentKey = made;
      made.then(
        (key) => {
          if (this.currentKey === made) this.ready = key;
        },
        () => {
          if (this.currentKey === made) this.currentKey = null;
        },
      );
    }
    return this.currentKey;
  }

  /** The key the next rotation makes current (made on first need, like the current one). */
  upcoming(): Promise<SigningKey> {
    if (this.nextKey === null) {
      const made = this.source.make(this.index + 1);
      this.nextKey = made;
      made.then(
        (key) => {
          if (this.nextKey === made) this.nextReady = key;
        },
        () => {
          if (this.nextKey === made) this.nextKey = null;
        },
      );
    }
    return this.nextKey;
  }

  /** The next key becomes current; the previous one verifies for the overlap window, then is dropped. */
  async rotate(): Promise<RotationResult> {
    await this.current();
    const next = this.upcoming();
    const nextKey = await next;
    if (this.nextKey !== next) return this.rotate(); // settings changed meanwhile: rotate what is in force now
    this.index++;
    this.replaceCurrent();
    this.currentKey = next;
    this.ready = nextKey;
    this.nextKey = null;
    this.nextReady = null;
    const key = await this.current();
    return {
      kid: key.kid,
      retired: this.live().map((r) => ({ kid: r.key.kid, expires_at: new Date(r.until).toISOString() })),
    };
  }

  /** The public keys that verify now: the current one first, then the next one, then retired ones. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const [key, next] = await Promise.all([this.current(), this.upcoming()]);
    return { keys: [key.publicJwk, next.publicJwk, ...this.live().map((r) => r.key.publicJwk)] };
  }

  /** The public key for `kid` when it still verifies; synchronous, for the request path. */
  publicKey(kid: string | undefined): CryptoKey | undefined {
    if (this.ready !== null && (kid === undefined || kid === this.ready.kid)) return this.ready.publicKey;
    if (this.nextReady !== null && kid === this.nextReady.kid) return this.nextReady.publicKey;
    return this.live().find((r) => r.key.kid === kid)?.key.publicKey;
  }

  /** True once the first key exists (until then no token of ours can verify). */
  get hasKey(): boolean {
    return this.ready !== null;
  }

  private replaceCurrent(): void {
    const old = this.currentKey;
    const oldReady = this.ready;
    this.currentKey = null;
    this.ready = null;
    const until = this.clock() + this.overlapMs;
    if (oldReady !== null) this.retired.push({ key: oldReady, until });
    else if (old !== null) old.then((key) => this.retired.push({ key, until }), () => undefined);
  }

  private live(): Retired[] {
    const now = this.clock();
    if (this.retired.some((r) => r.until <= now)) {
      this.retired = this.retired.filter((r) => r.until > now);
      this.generation++;
    }
    return this.retired;
  }
}
