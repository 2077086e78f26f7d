/** What the provider's handlers share: the settings in force, the keys, the remembered grants, the clock. */
import type { Clock } from '../model/clock';
import type { ProviderSettings } from './auth-types';
import type { GrantStore } from './grant-store';
import type { IssuerBook } from './issuer';
import type { KeyStore } from './key-store';

export interface ProviderEnv {
  /** Swapped as one reference on reload. */
  readonly settings: ProviderSettings;
  readonly keys: KeyStore;
  readonly grants: GrantStore;
  readonly issuers: IssuerBook;
  readonly clock: Clock;
  /** `--public-url`, without a trailing slash; null when not given. */
  readonly publicUrl: string | null;
}

/** Scopes OpenID Connect defines; a client may always ask for them. */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

export function splitScope(scope: string | undefined): string[] {
  return scope === undefined ? [] : scope.split(/\s+/).filter((s) => s !== '');
}
