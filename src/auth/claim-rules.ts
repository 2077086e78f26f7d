/** The checks on verified claims an endpoint may ask for: scopes, and claims equal to (or contained in) a value. */
import { isDeepStrictEqual } from 'node:util';

/** Scopes a token grants: `scope` (space-separated) or `scp` (a string or a list). */
export function tokenScopes(claims: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const raw of [claims.scope, claims.scp]) {
    if (typeof raw === 'string') out.push(...raw.split(/\s+/).filter((s) => s !== ''));
    else if (Array.isArray(raw)) out.push(...raw.filter((s): s is string => typeof s === 'string'));
  }
  return out;
}

export function missingScopes(claims: Record<string, unknown>, required: readonly string[]): string[] {
  if (required.length === 0) return [];
  const have = tokenScopes(claims);
  return required.filter((s) => !have.includes(s));
}

/** True when `actual` equals `expected`, or, for an array claim, contains it (each of it, when a list is expected). */
export function claimHolds(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual) && !Array.isArray(expected)) return actual.some((a) => isDeepStrictEqual(a, expected));
  if (Array.isArray(actual) && Array.isArray(expected)) return expected.every((e) => actual.some((a) => isDeepStrictEqual(a, e)));
  return isDeepStrictEqual(actual, expected);
}

/** The first required claim the token does not satisfy, as a sentence; null when all hold. */
export function failedClaim(claims: Record<string, unknown>, required: Readonly<Record<string, unknown>>): string | null {
  for (const [name, expected] of Object.entries(required)) {
    if (!claimHolds(claims[name], expected)) {
      return claims[name] === undefined ? `the token has no ${name} claim` : `the token ${name} claim is not ${JSON.stringify(expected)}`;
    }
  }
  return null;
}
