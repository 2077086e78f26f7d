/** The authorize endpoint's small login page: one button per configured user, no script. */
import type { AuthAnswer, AuthUser } from './auth-types';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'X-Frame-Options': 'DENY',
};

const STYLE = `body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}button{display:block;width:100%;margin:.5rem 0;padding:.7rem;font:inherit;text-align:left;cursor:pointer}
small{color:#666}.error{color:#b00020}`;

function page(title: string, inner: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${inner}</body></html>`;
}

/**
 * The page lists every user; choosing one posts the authorization request back with `login_hint`
 * set, which signs that user in. `params` are the authorization request's own parameters.
 */
export function loginPage(clientId: string, users: Iterable<AuthUser>, params: Record<string, string>, notice?: string): AuthAnswer {
  const hidden = Object.entries(params)
    .filter(([k]) => k !== 'login_hint')
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const buttons = [...users]
    .map((u) => {
      const email = typeof u.claims?.email === 'string' ? ` <small>${escapeHtml(u.claims.email)}</small>` : '';
      return `<button type="submit" name="login_hint" value="${escapeHtml(u.username)}">${escapeHtml(u.username)}${email}</button>`;
    })
    .join('\n');
  const body = buttons === '' ? '<p>No users are configured: add some under <code>auth.users</code> in mockdock.yaml.</p>' : `<form method="post" action="/__auth/authorize">${hidden}\n${buttons}</form>`;
  const note = notice === undefined ? '' : `<p class="error" role="alert">${escapeHtml(notice)}</p>`;
  return {
    status: 200,
    headers: HEADERS,
    body: page('Sign in · mockdock', `<h1>Sign in to <em>${escapeHtml(clientId)}</em></h1>${note}<p>Choose a user:</p>${body}`),
  };
}

/** An error the user must see, because it cannot go back to a redirect URI that is not trusted. */
export function errorPage(status: number, message: string): AuthAnswer {
  return { status, headers: HEADERS, body: page('Sign-in error · mockdock', `<h1>Sign-in error</h1><p class="error" role="alert">${escapeHtml(message)}</p>`) };
}
