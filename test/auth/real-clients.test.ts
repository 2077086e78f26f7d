import express from 'express';
import { expressjwt } from 'express-jwt';
import jwksRsa from 'jwks-rsa';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { createTestApp } from '../helpers/test-app';
import { authConfigFolder, listen, STANDARD_AUTH } from './provider-app';

// The whole server (route table, dispatch, the auth stage) on a loopback port, as a real client meets it.

const SPA_REDIRECT = 'http://127.0.0.1:5173/';
const insecure = { execute: [client.allowInsecureRequests] };

let mock: Awaited<ReturnType<typeof listen>>;

const ORDERS = '- { name: orders, path: /api/orders, auth: { jwt: { scopes: [read] } }, response: { owner: "{{jwt.sub}}" } }\n';

beforeAll(async () => {
  const { app } = await createTestApp({ config: authConfigFolder(STANDARD_AUTH, { 'api.yaml': ORDERS }) });
  mock = await listen(app);
});

afterAll(() => mock.close());

/** Follows the authorize endpoint as a browser would, with login_hint signing the user in at once. */
async function signIn(config: client.Configuration, user: string) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: SPA_REDIRECT,
    scope: 'openid email',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    login_hint: user,
  });
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const callback = new URL(res.headers.get('location') as string);
  return client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
}

describe('openid-client against the built-in provider', () => {
  it('discovers it and gets a client_credentials token that the mocked API accepts', async () => {
    const config = await client.discovery(new URL(mock.url), 'app', 's3cret', undefined, insecure);
    expect(config.serverMetadata().issuer).toBe(mock.url);
    const tokens = await client.clientCredentialsGrant(config, { scope: 'read' });
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.scope).toBe('read');
    expect(tokens.expires_in).toBe(600);
    // and the mocked API it protects takes it
    const orders = await client.fetchProtectedResource(config, tokens.access_token, new URL(`${mock.url}/api/orders`), 'GET');
    expect(await orders.json()).toEqual({ owner: 'app' });
  });

  it('runs the authorization code flow with PKCE for a public client, then refresh and userinfo', async () => {
    const spa = await client.discovery(new URL(mock.url), 'spa', undefined, client.None(), insecure);
    const tokens = await signIn(spa, 'alice');
    expect(tokens.claims()).toMatchObject({ sub: 'alice', email: 'alice@example.com', iss: mock.url, aud: 'spa' });
    const refreshed = await client.refreshTokenGrant(spa, tokens.refresh_token as string);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    const info = await client.fetchUserInfo(spa, refreshed.access_token, 'alice');
    expect(info).toEqual({ sub: 'alice', email: 'alice@example.com', roles: ['admin'] });
  });

  it('introspects what it was given, and sees it inactive after revocation', async () => {
    const app = await client.discovery(new URL(mock.url), 'app', 's3cret', undefined, insecure);
    const tokens = await client.clientCredentialsGrant(app, { scope: 'write' });
    expect(await client.tokenIntrospection(app, tokens.access_token)).toMatchObject({ active: true, sub: 'app', scope: 'write' });
    await client.tokenRevocation(app, tokens.access_token);
    expect(await client.tokenIntrospection(app, tokens.access_token)).toEqual({ active: false });
  });
});

describe('other libraries verifying the provider’s tokens', () => {
  it('jose.createRemoteJWKSet verifies them, also across a key rotation while it holds the old JWKS', async () => {
    const jwks = createRemoteJWKSet(new URL(`${mock.url}/__auth/jwks.json`));
    const mint = async () => ((await (await fetch(`${mock.url}/__auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sub":"svc"}' })).json()) as { access_token: string }).access_token;
    const before = await mint();
    expect((await jwtVerify(before, jwks, { issuer: mock.url })).payload.sub).toBe('svc');

    const rotation = (await (await fetch(`${mock.url}/__auth/rotate`, { method: 'POST' })).json()) as { kid: string };
    const after = await mint();
    expect(decodeProtectedHeader(after).kid).toBe(rotation.kid);
    expect(decodeProtectedHeader(before).kid).not.toBe(rotation.kid);
    // the set fetched before the rotation verifies both: the new key was published ahead of it
    expect((await jwtVerify(before, jwks)).payload.sub).toBe('svc');
    expect((await jwtVerify(after, jwks)).payload.sub).toBe('svc');
  });

  it('an Express API guarded by express-jwt and jwks-rsa accepts them and refuses tampered ones', async () => {
    const api = express();
    api.get(
      '/orders',
      expressjwt({ secret: jwksRsa.expressJwtSecret({ jwksUri: `${mock.url}/__auth/jwks.json`, cache: true }) as never, algorithms: ['RS256'], issuer: mock.url, audience: 'orders' }),
      (req, res) => {
        res.json({ sub: (req as unknown as { auth: { sub: string } }).auth.sub });
      },
    );
    api.use((err: Error & { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(err.status ?? 500).json({ error: err.name });
    });
    const server = http.createServer(api);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const mint = async (body: object) =>
        ((await (await fetch(`${mock.url}/__auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as { access_token: string }).access_token;
      const call = (token: string) => fetch(`${apiUrl}/orders`, { headers: { authorization: `Bearer ${token}` } });
      const ok = await call(await mint({ sub: 'alice', audience: 'orders' }));
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ sub: 'alice' });
      expect((await call(await mint({ sub: 'alice', audience: 'orders', tamper: true }))).status).toBe(401);
      expect((await call(await mint({ sub: 'alice', audience: 'orders', ttl_s: -10 }))).status).toBe(401);
      expect((await call(await mint({ sub: 'alice', audience: 'billing' }))).status).toBe(401);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
