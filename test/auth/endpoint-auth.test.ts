import supertest from 'supertest';
import Koa from 'koa';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { AuthProvider } from '../../src/auth/provider';
import { compileEndpointAuth } from '../../src/auth/endpoint-auth';
import { checkOf, listen, locate, providerApp, settingsOf, STANDARD_AUTH } from './provider-app';

function setup(checks: Record<string, unknown>) {
  const provider = new AuthProvider({ clock: Date.now }, settingsOf(STANDARD_AUTH));
  const compiled = Object.fromEntries(Object.entries(checks).map(([name, auth]) => [name, checkOf(provider, auth)]));
  const request = supertest(providerApp(provider, compiled).callback());
  const mint = async (body: Record<string, unknown> = {}) => (await request.post('/__auth/tokens').send(body).expect(200)).body.access_token as string;
  return { provider, request, mint };
}

describe('auth: jwt on an endpoint', () => {
  it('passes a token minted by the built-in provider and hands its claims on for templates', async () => {
    const { request, mint } = setup({ any: { jwt: {} } });
    const token = await mint({ sub: 'alice', claims: { email: 'alice@example.com' } });
    const res = await request.get('/protected/any').set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.body.claims).toMatchObject({ sub: 'alice', email: 'alice@example.com' });
  });

  it('asks for a bearer token, without an error code, when there is none', async () => {
    const { request } = setup({ any: { jwt: { scopes: ['read'] } } });
    const res = await request.get('/protected/any').expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="mockdock", scope="read"');
    expect(res.body.error).toMatch(/bearer token/);
  });

  it.each([
    ['an expired token', { ttl_s: 0 }, 'the token has expired'],
    ['a tampered signature', { tamper: true }, 'the token signature does not verify'],
    ['a foreign issuer', { issuer: 'https://evil.example.com' }, 'the token was not issued by this mockdock'],
  ])('refuses %s with 401 invalid_token and says why', async (_what, mintBody, description) => {
    const { request, mint } = setup({ any: { jwt: {} } });
    const token = await mint(mintBody);
    const res = await request.get('/protected/any').set('Authorization', `Bearer ${token}`).expect(401);
    expect(res.headers['www-authenticate']).toBe(`Bearer realm="mockdock", error="invalid_token", error_description="${description}"`);
    expect(res.body).toEqual({ error: 'invalid_token', error_description: description });
  });

  it('refuses garbage after Bearer as invalid_token', async () => {
    const { request } = setup({ any: { jwt: {} } });
    const res = await request.get('/protected/any').set('Authorization', 'Bearer not-a-jwt').expect(401);
    expect(res.headers['www-authenticate']).toMatch(/error="invalid_token"/);
  });

  it('answers 403 insufficient_scope when a required scope is missing, naming the scopes', async () => {
    const { request, mint } = setup({ write: { jwt: { scopes: ['read', 'write'] } } });
    const readOnly = await mint({ scope: 'read' });
    const res = await request.get('/protected/write').set('Authorization', `Bearer ${readOnly}`).expect(403);
    expect(res.headers['www-authenticate']).toBe(
      'Bearer realm="mockdock", error="insufficient_scope", error_description="the token lacks scope write", scope="read write"',
    );
    await request.get('/protected/write').set('Authorization', `Bearer ${await mint({ scope: 'write read' })}`).expect(200);
    await request.get('/protected/write').set('Authorization', `Bearer ${await mint({ claims: { scp: ['read', 'write'] } })}`).expect(200);
  });

  it('requires claims to be equal, or contained in an array claim', async () => {
    const { request, mint } = setup({ admin: { jwt: { claims: { roles: 'admin', tenant: 't1' } } } });
    const ok = await mint({ claims: { roles: ['viewer', 'admin'], tenant: 't1' } });
    await request.get('/protected/admin').set('Authorization', `Bearer ${ok}`).expect(200);
    const viewer = await mint({ claims: { roles: ['viewer'], tenant: 't1' } });
    const res = await request.get('/protected/admin').set('Authorization', `Bearer ${viewer}`).expect(403);
    expect(res.body).toEqual({ error: 'insufficient_scope', error_description: 'the token roles claim is not "admin"' });
    const noTenant = await mint({ claims: { roles: ['admin'] } });
    expect((await request.get('/protected/admin').set('Authorization', `Bearer ${noTenant}`).expect(403)).body.error_description).toBe('the token has no tenant claim');
  });

  it('checks aud and iss as configured, a mismatch being 401 invalid_token', async () => {
    const { request, mint } = setup({ api: { jwt: { audience: 'orders-api', issuer: 'https://idp.example.com' } } });
    const good = await mint({ audience: 'orders-api', issuer: 'https://idp.example.com' });
    await request.get('/protected/api').set('Authorization', `Bearer ${good}`).expect(200);
    const wrongAud = await mint({ audience: 'billing', issuer: 'https://idp.example.com' });
    expect((await request.get('/protected/api').set('Authorization', `Bearer ${wrongAud}`).expect(401)).body.error_description).toMatch(/audience/);
    const wrongIss = await mint({ audience: 'orders-api' });
    expect((await request.get('/protected/api').set('Authorization', `Bearer ${wrongIss}`).expect(401)).body.error_description).toMatch(/issuer/);
  });

  it('refuses a token the provider revoked, even one already verified once', async () => {
    const { request, mint } = setup({ any: { jwt: {} } });
    const token = await mint();
    await request.get('/protected/any').set('Authorization', `Bearer ${token}`).expect(200);
    await request.post('/__auth/revoke').type('form').send({ token }).expect(200);
    expect((await request.get('/protected/any').set('Authorization', `Bearer ${token}`).expect(401)).body.error_description).toBe('the token has been revoked');
  });

  it('verifies HS256 tokens with a shared secret and refuses RS256 ones there', async () => {
    const { request, mint } = setup({ hs: { jwt: { secret: 'shared-secret-of-at-least-32-bytes!' } } });
    const hs = await new SignJWT({ sub: 'svc' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(new TextEncoder().encode('shared-secret-of-at-least-32-bytes!'));
    expect((await request.get('/protected/hs').set('Authorization', `Bearer ${hs}`).expect(200)).body.claims.sub).toBe('svc');
    await request.get('/protected/hs').set('Authorization', `Bearer ${await mint()}`).expect(401);
  });

  it('fetches an external jwks_url once and keeps it, however many requests come', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'ext-1', alg: 'RS256' };
    let fetches = 0;
    const idp = new Koa();
    idp.use((ctx) => {
      fetches++;
      ctx.body = { keys: [jwk] };
    });
    const upstream = await listen(idp);
    try {
      const { request } = setup({ ext: { jwt: { jwks_url: `${upstream.url}/jwks`, issuer: 'https://idp.example.com' } } });
      const token = await new SignJWT({ sub: 'carol' }).setProtectedHeader({ alg: 'RS256', kid: 'ext-1' }).setIssuer('https://idp.example.com').setExpirationTime('5m').sign(privateKey);
      for (let i = 0; i < 5; i++) await request.get('/protected/ext').set('Authorization', `Bearer ${token}`).expect(200);
      const other = await new SignJWT({ sub: 'dave' }).setProtectedHeader({ alg: 'RS256', kid: 'ext-1' }).setIssuer('https://idp.example.com').setExpirationTime('5m').sign(privateKey);
      for (let i = 0; i < 5; i++) await request.get('/protected/ext').set('Authorization', `Bearer ${other}`).expect(200);
      expect(fetches).toBe(1);
    } finally {
      await upstream.close();
    }
  });
});

describe('auth: basic and api_key on an endpoint', () => {
  it('passes matching Basic credentials and challenges the rest', async () => {
    const { request } = setup({ b: { basic: [{ username: 'ops', password: 'pw' }] } });
    await request.get('/protected/b').auth('ops', 'pw').expect(200);
    const wrong = await request.get('/protected/b').auth('ops', 'nope').expect(401);
    expect(wrong.headers['www-authenticate']).toBe('Basic realm="mockdock", charset="UTF-8"');
    expect((await request.get('/protected/b').expect(401)).body.error).toMatch(/Basic credentials are required/);
  });

  it('passes a known API key in a header or the query', async () => {
    const { request } = setup({ h: { api_key: { header: 'X-Api-Key', values: ['k1', 'k2'] } }, q: { api_key: { query: 'api_key', values: ['k1'] } } });
    await request.get('/protected/h').set('X-Api-Key', 'k2').expect(200);
    const bad = await request.get('/protected/h').set('X-Api-Key', 'k3').expect(401);
    expect(bad.body.error).toBe('the API key in header X-Api-Key is not accepted');
    await request.get('/protected/q?api_key=k1').expect(200);
    await request.get('/protected/q').expect(401);
  });
});

describe('auth: config problems', () => {
  const provider = new AuthProvider({ clock: Date.now });
  const problems = (auth: unknown) => {
    const r = compileEndpointAuth(auth, locate, provider);
    return r.ok ? [] : r.issues.map((i) => i.message);
  };

  it('reports each mistake at its key, as a sentence', () => {
    expect(problems({ jwt: {}, basic: [] })).toEqual([expect.stringMatching(/^auth must have exactly one of jwt, basic or api_key/)]);
    expect(problems({ jwt: { scopes: 'read' } })).toEqual([expect.stringMatching(/^auth.jwt.scopes must be a list/)]);
    expect(problems({ jwt: { jwks_url: 'ftp://x', secret: 's' } })).toEqual([expect.stringMatching(/^auth.jwt.jwks_url must be an http\(s\) URL/), 'auth.jwt takes jwks_url or secret, not both']);
    expect(problems({ jwt: { scope: ['read'] } })).toEqual([expect.stringMatching(/^auth.jwt.scope is not a jwt option/)]);
    expect(problems({ basic: [{ username: 'a' }] })).toEqual([expect.stringMatching(/^auth.basic must be a non-empty list/)]);
    expect(problems({ api_key: { header: 'X', query: 'k', values: ['a'] } })).toEqual(['auth.api_key needs exactly one of header: NAME or query: NAME']);
    expect(problems({ api_key: { header: 'X', values: [] } })).toEqual([expect.stringMatching(/^auth.api_key.values must be a non-empty list/)]);
    expect(problems({ jwt: null })).toEqual([]);
  });
});
