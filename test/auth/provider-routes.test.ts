import supertest from 'supertest';
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { AuthProvider } from '../../src/auth/provider';
import { fakeClock, providerApp, settingsOf, STANDARD_AUTH } from './provider-app';

const REDIRECT = 'http://127.0.0.1:3000/callback';
const SPA_REDIRECT = 'http://127.0.0.1:5173/';

function setup() {
  const clock = fakeClock(Date.now());
  const provider = new AuthProvider({ clock: clock.now }, settingsOf(STANDARD_AUTH));
  const request = supertest(providerApp(provider).callback());
  return { clock, provider, request };
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function authorize(request: supertest.Agent | ReturnType<typeof supertest>, query: Record<string, string>) {
  const res = await request.get('/__auth/authorize').query(query).expect(302);
  return new URL(res.headers.location);
}

describe('the provider: discovery and keys', () => {
  it('describes itself at the well-known address, issuer and endpoints from the Host', async () => {
    const { request } = setup();
    const res = await request.get('/.well-known/openid-configuration').set('Host', 'mock.test:8080').expect(200);
    expect(res.body).toMatchObject({
      issuer: 'http://mock.test:8080',
      token_endpoint: 'http://mock.test:8080/__auth/token',
      jwks_uri: 'http://mock.test:8080/__auth/jwks.json',
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    expect(res.body.grant_types_supported).toEqual(expect.arrayContaining(['client_credentials', 'password', 'authorization_code', 'refresh_token']));
    expect(res.body.scopes_supported).toEqual(expect.arrayContaining(['openid', 'read', 'write']));
    expect(res.body.claims_supported).toEqual(expect.arrayContaining(['email', 'roles']));
  });

  it('uses --public-url over the Host', async () => {
    const provider = new AuthProvider({ clock: Date.now, publicUrl: 'https://mock.example.com/' });
    const res = await supertest(providerApp(provider).callback()).get('/.well-known/openid-configuration').expect(200);
    expect(res.body.issuer).toBe('https://mock.example.com');
    expect(res.body.authorization_endpoint).toBe('https://mock.example.com/__auth/authorize');
  });

  it('rotates keys through the admin route: the published next key becomes current, the old one stays published', async () => {
    const { request } = setup();
    const before = (await request.get('/__auth/jwks.json').expect(200)).body.keys.map((k: { kid: string }) => k.kid);
    const rotation = (await request.post('/__auth/rotate').expect(200)).body;
    expect(rotation.kid).toBe(before[1]);
    expect(rotation.retired.map((r: { kid: string }) => r.kid)).toEqual([before[0]]);
    const after = (await request.get('/__auth/jwks.json').expect(200)).body.keys.map((k: { kid: string }) => k.kid);
    expect(after).toEqual([before[1], expect.any(String), before[0]]);
    const token = (await request.post('/__auth/tokens').send({}).expect(200)).body.access_token;
    expect(decodeProtectedHeader(token).kid).toBe(rotation.kid);
  });

  it('refuses a mint request with an unknown or mistyped field', async () => {
    const { request } = setup();
    expect((await request.post('/__auth/tokens').send({ subject: 'x' }).expect(400)).body.error).toMatch(/unknown field subject/);
    expect((await request.post('/__auth/tokens').send({ ttl_s: '1h' }).expect(400)).body.error).toMatch(/ttl_s must be a number/);
  });
});

describe('the provider: token endpoint', () => {
  it('issues a client_credentials token whose subject is the client, audience the client or the one asked', async () => {
    const { request } = setup();
    const res = await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'client_credentials', scope: 'read' }).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: 'read' });
    expect(res.body.refresh_token).toBeUndefined();
    expect(decodeJwt(res.body.access_token)).toMatchObject({ sub: 'app', aud: 'app', scope: 'read', client_id: 'app' });
    const withAudience = await request.post('/__auth/token').type('form').send({ grant_type: 'client_credentials', client_id: 'app', client_secret: 's3cret', audience: 'orders' }).expect(200);
    expect(decodeJwt(withAudience.body.access_token)).toMatchObject({ aud: 'orders', scope: 'read write' });
  });

  it('gives each client mistake its own RFC 6749 error', async () => {
    const { request } = setup();
    const wrongSecret = await request.post('/__auth/token').auth('app', 'nope').type('form').send({ grant_type: 'client_credentials' }).expect(401);
    expect(wrongSecret.body).toEqual({ error: 'invalid_client', error_description: 'wrong client_secret for client "app"' });
    expect(wrongSecret.headers['www-authenticate']).toMatch(/^Basic/);
    expect((await request.post('/__auth/token').type('form').send({ grant_type: 'client_credentials', client_id: 'ghost' }).expect(401)).body.error).toBe('invalid_client');
    expect((await request.post('/__auth/token').type('form').send({ grant_type: 'magic', client_id: 'app' }).expect(400)).body.error).toBe('unsupported_grant_type');
    expect((await request.post('/__auth/token').type('form').send({ client_id: 'app' }).expect(400)).body.error).toBe('invalid_request');
    expect((await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'client_credentials', scope: 'admin' }).expect(400)).body.error).toBe('invalid_scope');
    expect((await request.post('/__auth/token').type('form').send({ grant_type: 'client_credentials', client_id: 'spa' }).expect(400)).body.error).toBe('unauthorized_client');
  });

  it('signs users in with the password grant, with an ID token and a refresh token', async () => {
    const { request } = setup();
    const res = await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'password', username: 'alice', password: 'alice', scope: 'openid read' }).expect(200);
    expect(decodeJwt(res.body.access_token)).toMatchObject({ sub: 'alice', email: 'alice@example.com', roles: ['admin'], scope: 'openid read', aud: 'app' });
    expect(decodeJwt(res.body.id_token)).toMatchObject({ sub: 'alice', aud: 'app', azp: 'app', email: 'alice@example.com' });
    expect(res.body.refresh_token).toEqual(expect.any(String));
    const wrong = await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'password', username: 'alice', password: 'bob' }).expect(400);
    expect(wrong.body).toEqual({ error: 'invalid_grant', error_description: 'wrong password for user "alice"' });
  });

  it('redeems an authorization code once, with the matching PKCE verifier only', async () => {
    const { request } = setup();
    const { verifier, challenge } = pkce();
    const back = await authorize(request, { response_type: 'code', client_id: 'spa', redirect_uri: SPA_REDIRECT, scope: 'openid', state: 'st', nonce: 'n-1', code_challenge: challenge, code_challenge_method: 'S256', login_hint: 'bob' });
    expect(back.origin + back.pathname).toBe(SPA_REDIRECT);
    expect(back.searchParams.get('state')).toBe('st');
    const code = back.searchParams.get('code') as string;
    const exchange = (v: string) => request.post('/__auth/token').type('form').send({ grant_type: 'authorization_code', client_id: 'spa', code, redirect_uri: SPA_REDIRECT, code_verifier: v });

    const wrongVerifier = await exchange(pkce().verifier).expect(400);
    expect(wrongVerifier.body).toEqual({ error: 'invalid_grant', error_description: 'code_verifier does not match the code_challenge' });

    // the failed attempt used the code up, as a one-time code must be
    const { verifier: v2, challenge: c2 } = pkce();
    const again = await authorize(request, { response_type: 'code', client_id: 'spa', redirect_uri: SPA_REDIRECT, scope: 'openid', nonce: 'n-2', code_challenge: c2, code_challenge_method: 'S256', login_hint: 'bob' });
    const code2 = again.searchParams.get('code') as string;
    const ok = await request.post('/__auth/token').type('form').send({ grant_type: 'authorization_code', client_id: 'spa', code: code2, redirect_uri: SPA_REDIRECT, code_verifier: v2 }).expect(200);
    expect(decodeJwt(ok.body.id_token)).toMatchObject({ sub: 'bob', nonce: 'n-2', aud: 'spa' });
    const reused = await request.post('/__auth/token').type('form').send({ grant_type: 'authorization_code', client_id: 'spa', code: code2, redirect_uri: SPA_REDIRECT, code_verifier: v2 }).expect(400);
    expect(reused.body).toEqual({ error: 'invalid_grant', error_description: 'the authorization code has already been used' });
    expect(verifier).not.toBe(v2);
  });

  it('refuses an expired authorization code and an expired refresh token, each with its own message', async () => {
    const { request, clock } = setup();
    const back = await authorize(request, { response_type: 'code', client_id: 'app', redirect_uri: REDIRECT, login_hint: 'alice' });
    clock.advance(121_000);
    const late = await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'authorization_code', code: back.searchParams.get('code'), redirect_uri: REDIRECT }).expect(400);
    expect(late.body.error_description).toBe('the authorization code has expired');

    const tokens = await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'password', username: 'alice', password: 'alice' }).expect(200);
    const refreshed = await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token }).expect(200);
    expect(decodeJwt(refreshed.body.access_token).sub).toBe('alice');
    clock.advance(86_400_000);
    const expired = await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token }).expect(400);
    expect(expired.body).toEqual({ error: 'invalid_grant', error_description: 'the refresh token has expired' });
  });
});

describe('the provider: authorize endpoint', () => {
  it('shows a login page listing the users when no login_hint is given', async () => {
    const { request } = setup();
    const res = await request.get('/__auth/authorize').query({ response_type: 'code', client_id: 'app', redirect_uri: REDIRECT, state: '<x>' }).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('value="alice"');
    expect(res.text).toContain('value="bob"');
    expect(res.text).toContain('name="state" value="&lt;x&gt;"');
  });

  it('signs the chosen user in when the login form is posted', async () => {
    const { request } = setup();
    const res = await request.post('/__auth/authorize').type('form').send({ response_type: 'code', client_id: 'app', redirect_uri: REDIRECT, state: 's', login_hint: 'alice' }).expect(302);
    expect(new URL(res.headers.location).searchParams.get('code')).toEqual(expect.any(String));
  });

  it('never redirects to an unregistered redirect_uri, and makes public clients use PKCE', async () => {
    const { request } = setup();
    const res = await request.get('/__auth/authorize').query({ response_type: 'code', client_id: 'app', redirect_uri: 'http://evil.example.com/', login_hint: 'alice' }).expect(400);
    expect(res.text).toContain('is not registered for client');
    const noPkce = await authorize(request, { response_type: 'code', client_id: 'spa', redirect_uri: SPA_REDIRECT, state: 'q', login_hint: 'alice' });
    expect(Object.fromEntries(noPkce.searchParams)).toMatchObject({ error: 'invalid_request', state: 'q' });
    expect(noPkce.searchParams.get('error_description')).toMatch(/must use PKCE/);
  });
});

describe('the provider: userinfo, introspection, revocation', () => {
  it('answers userinfo for a valid access token only', async () => {
    const { request } = setup();
    const tokens = await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'password', username: 'alice', password: 'alice', scope: 'openid' }).expect(200);
    const info = await request.get('/__auth/userinfo').set('Authorization', `Bearer ${tokens.body.access_token}`).expect(200);
    expect(info.body).toEqual({ sub: 'alice', email: 'alice@example.com', roles: ['admin'] });
    const bad = await request.get('/__auth/userinfo').set('Authorization', 'Bearer nope').expect(401);
    expect(bad.headers['www-authenticate']).toMatch(/error="invalid_token"/);
  });

  it('introspects access and refresh tokens as active until they are revoked', async () => {
    const { request } = setup();
    const tokens = await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'password', username: 'alice', password: 'alice' }).expect(200);
    const intro = (token: string) => request.post('/__auth/introspect').auth('app', 's3cret').type('form').send({ token }).expect(200);
    expect((await intro(tokens.body.access_token)).body).toMatchObject({ active: true, sub: 'alice', client_id: 'app', username: 'alice' });
    expect((await intro(tokens.body.refresh_token)).body).toMatchObject({ active: true, token_type: 'refresh_token', sub: 'alice' });
    await request.post('/__auth/revoke').auth('app', 's3cret').type('form').send({ token: tokens.body.access_token }).expect(200);
    await request.post('/__auth/revoke').auth('app', 's3cret').type('form').send({ token: tokens.body.refresh_token }).expect(200);
    expect((await intro(tokens.body.access_token)).body).toEqual({ active: false });
    expect((await intro(tokens.body.refresh_token)).body).toEqual({ active: false });
    const refresh = await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token }).expect(400);
    expect(refresh.body.error_description).toBe('the refresh token has been revoked');
    expect((await request.post('/__auth/introspect').auth('app', 'wrong').type('form').send({ token: 'x' }).expect(401)).body.error).toBe('invalid_client');
  });
});
