/** Which scopes a client gets: what it asks for, within what it may ask for; all it may ask for by default. */
import type { AuthClient } from './auth-types';
import { OIDC_SCOPES, splitScope } from './provider-env';

export type ScopeDecision = { ok: true; scope: string } | { ok: false; description: string };

export function decideScope(client: AuthClient, requested: string | undefined): ScopeDecision {
  const asked = splitScope(requested);
  if (asked.length === 0) return { ok: true, scope: (client.scopes ?? []).join(' ') };
  if (client.scopes !== undefined) {
    const refused = asked.filter((s) => !client.scopes!.includes(s) && !OIDC_SCOPES.includes(s));
    if (refused.length > 0) return { ok: false, description: `client "${client.client_id}" may not ask for scope ${refused.join(' ')}` };
  }
  return { ok: true, scope: [...new Set(asked)].join(' ') };
}
