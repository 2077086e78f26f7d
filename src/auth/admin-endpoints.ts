/** Admin routes for tests: `POST /__auth/tokens` mints a token at once (good or deliberately bad), `POST /__auth/rotate`. */
import type { AuthAnswer, AuthRequest } from './auth-types';
import { issuerOf } from './issuer';
import { mintToken, tamper } from './mint-token';
import { jsonAnswer } from './oauth-answer';
import type { ProviderEnv } from './provider-env';

const FIELDS = ['sub', 'scope', 'claims', 'ttl_s', 'audience', 'issuer', 'tamper'];

function badRequest(message: string): AuthAnswer {
  return jsonAnswer({ error: message }, 400);
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

export async function mintEndpoint(env: ProviderEnv, req: AuthRequest): Promise<AuthAnswer> {
  const body = req.body ?? {};
  if (typeof body !== 'object' || Array.isArray(body) || body === null) return badRequest('send a JSON object: {sub?, scope?, claims?, ttl_s?, audience?, issuer?, tamper?}');
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).filter((k) => !FIELDS.includes(k));
  if (unknown.length > 0) return badRequest(`unknown field ${unknown.join(', ')}; known: ${FIELDS.join(', ')}`);
  if (b.sub !== undefined && typeof b.sub !== 'string') return badRequest('sub must be a string');
  if (b.scope !== undefined && typeof b.scope !== 'string' && !isStringList(b.scope)) return badRequest('scope must be a space-separated string or a list of strings');
  if (b.claims !== undefined && (typeof b.claims !== 'object' || b.claims === null || Array.isArray(b.claims))) return badRequest('claims must be an object');
  if (b.ttl_s !== undefined && (typeof b.ttl_s !== 'number' || !Number.isFinite(b.ttl_s))) return badRequest('ttl_s must be a number of seconds (0 or less mints an expired token)');
  if (b.audience !== undefined && typeof b.audience !== 'string' && !isStringList(b.audience)) return badRequest('audience must be a string or a list of strings');
  if (b.issuer !== undefined && typeof b.issuer !== 'string') return badRequest('issuer must be a string');
  if (b.tamper !== undefined && typeof b.tamper !== 'boolean') return badRequest('tamper must be true or false');

  const ourIssuer = issuerOf(req, env.settings.issuer, env.publicUrl);
  const issuer = (b.issuer as string | undefined) ?? ourIssuer;
  // A foreign issuer is not remembered, so the built-in check refuses the token.
  if (issuer === ourIssuer) env.issuers.add(issuer);
  const ttlS = (b.ttl_s as number | undefined) ?? env.settings.tokenTtlS;
  const minted = await mintToken(
    await env.keys.current(),
    {
      issuer,
      subject: (b.sub as string | undefined) ?? 'test-user',
      audience: b.audience as string | string[] | undefined,
      scope: Array.isArray(b.scope) ? b.scope.join(' ') : (b.scope as string | undefined),
      claims: b.claims as Record<string, unknown> | undefined,
      ttlS,
    },
    env.clock(),
  );
  return jsonAnswer({ access_token: b.tamper === true ? tamper(minted.token) : minted.token, token_type: 'Bearer', expires_in: Math.max(0, Math.trunc(ttlS)) });
}

export async function rotateEndpoint(env: ProviderEnv): Promise<AuthAnswer> {
  return jsonAnswer(await env.keys.rotate());
}
