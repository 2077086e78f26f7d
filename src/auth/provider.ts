/** The built-in OpenID Connect provider: its state across reloads and its route table. */
import type { Clock } from '../model/clock';
import { mintEndpoint, rotateEndpoint } from './admin-endpoints';
import { authorizeEndpoint } from './authorize-endpoint';
import { DEFAULT_PROVIDER_SETTINGS, type AuthAnswer, type AuthRequest, type ProviderSettings } from './auth-types';
import { discoveryDocument, jwksDocument } from './discovery';
import { GrantStore } from './grant-store';
import { IssuerBook } from './issuer';
import { KeyStore } from './key-store';
import type { ProviderEnv } from './provider-env';
import { fileKeySource, randomKeySource, seededKeySource, type KeySource } from './signing-key';
import { introspectEndpoint, revokeEndpoint, userinfoEndpoint } from './token-endpoints';
import { tokenEndpoint } from './token-endpoint';

export interface ProviderRoute {
  method: 'GET' | 'POST';
  path: string;
  /** Admin routes need the admin token when one is set; the provider's own routes never do. */
  guarded: boolean;
  /** A change other replicas sharing the store must make too (a key rotation). */
  shared?: boolean;
  /** Form or JSON body expected. */
  handle(env: ProviderEnv, req: AuthRequest): AuthAnswer | Promise<AuthAnswer>;
}

export const PROVIDER_ROUTES: readonly ProviderRoute[] = [
  { method: 'GET', path: '/.well-known/openid-configuration', guarded: false, handle: discoveryDocument },
  { method: 'GET', path: '/__auth/jwks.json', guarded: false, handle: (env) => jwksDocument(env) },
  { method: 'POST', path: '/__auth/token', guarded: false, handle: tokenEndpoint },
  { method: 'GET', path: '/__auth/authorize', guarded: false, handle: authorizeEndpoint },
  { method: 'POST', path: '/__auth/authorize', guarded: false, handle: authorizeEndpoint },
  { method: 'GET', path: '/__auth/userinfo', guarded: false, handle: userinfoEndpoint },
  { method: 'POST', path: '/__auth/userinfo', guarded: false, handle: userinfoEndpoint },
  { method: 'POST', path: '/__auth/introspect', guarded: false, handle: introspectEndpoint },
  { method: 'POST', path: '/__auth/revoke', guarded: false, handle: revokeEndpoint },
  { method: 'POST', path: '/__auth/tokens', guarded: true, handle: mintEndpoint },
  { method: 'POST', path: '/__auth/rotate', guarded: true, shared: true, handle: (env) => rotateEndpoint(env) },
];

/** The key the one provider is kept under among the objects that outlive reloads (engine/resources.ts). */
export const AUTH_RESOURCE = 'auth';

export interface ProviderOptions {
  clock: Clock;
  /** `--public-url`. */
  publicUrl?: string | null;
  /** `--seed`, only when one was given: keys are then derived from it. */
  seed?: number | null;
}

/**
 * One provider lives as long as the server: keys, codes, refresh tokens and revocations survive
 * reloads; `configure` swaps in the settings of each reload of mockdock.yaml.
 */
export class AuthProvider implements ProviderEnv {
  settings: ProviderSettings = DEFAULT_PROVIDER_SETTINGS;
  readonly keys: KeyStore;
  readonly grants = new GrantStore();
  readonly issuers = new IssuerBook();
  readonly clock: Clock;
  readonly publicUrl: string | null;
  private readonly seed: number | null;

  constructor(opts: ProviderOptions, settings: ProviderSettings = DEFAULT_PROVIDER_SETTINGS) {
    this.clock = opts.clock;
    this.publicUrl = opts.publicUrl ? opts.publicUrl.replace(/\/+$/, '') : null;
    this.seed = opts.seed ?? null;
    this.keys = new KeyStore(this.sourceFor(settings), settings.overlapS, this.clock);
    this.configure(settings);
  }

  /** Puts reloaded settings in force; a changed key_file or algorithm makes a new current key. */
  configure(settings: ProviderSettings): void {
    this.settings = settings;
    this.keys.configure(this.sourceFor(settings), settings.overlapS);
    if (settings.issuer !== null) this.issuers.add(settings.issuer.replace(/\/+$/, ''));
    if (this.publicUrl !== null) this.issuers.add(this.publicUrl);
  }

  /** The route for a method and path, or undefined when the path is not the provider's. */
  route(method: string, path: string): ProviderRoute | undefined {
    return PROVIDER_ROUTES.find((r) => r.path === path && r.method === method);
  }

  handle(route: ProviderRoute, req: AuthRequest): AuthAnswer | Promise<AuthAnswer> {
    return route.handle(this, req);
  }

  private sourceFor(settings: ProviderSettings): KeySource {
    const generated = this.seed === null ? randomKeySource(settings.algorithm) : seededKeySource(this.seed, settings.algorithm);
    return settings.keyFileJwk === null ? generated : fileKeySource(settings.keyFileJwk, settings.algorithm, generated);
  }
}
