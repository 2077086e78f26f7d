/** Where the provider lives and what it calls itself: `--public-url`, the settings' issuer, or the request's Host. */
import type { AuthRequest } from './auth-types';

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The URL the provider's routes are reached at: `--public-url`, else the request's scheme and Host. */
export function baseUrlOf(req: AuthRequest, publicUrl: string | null): string {
  if (publicUrl !== null) return publicUrl.replace(/\/+$/, '');
  const host = req.headers.host !== undefined && HOST.test(req.headers.host) ? req.headers.host : 'localhost';
  const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return `${proto}://${host}`;
}

/** `iss` of tokens issued for this request. */
export function issuerOf(req: AuthRequest, settingsIssuer: string | null, publicUrl: string | null): string {
  return settingsIssuer !== null ? settingsIssuer.replace(/\/+$/, '') : baseUrlOf(req, publicUrl);
}

/**
 * The issuers the provider has signed tokens as (bounded). A check that relies on the built-in keys
 * and names no `issuer` accepts exactly these, so a token minted with a foreign `issuer` is refused
 * while tokens fetched through different host names (browser vs. container network) still pass.
 */
export class IssuerBook {
  private readonly known = new Set<string>();
  static readonly MAX = 64;

  add(issuer: string): void {
    if (this.known.has(issuer)) return;
    if (this.known.size >= IssuerBook.MAX) this.known.delete(this.known.values().next().value as string);
    this.known.add(issuer);
  }

  has(issuer: unknown): boolean {
    return typeof issuer === 'string' && this.known.has(issuer);
  }
}
