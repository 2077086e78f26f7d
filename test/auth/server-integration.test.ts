import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import supertest from 'supertest';
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { createTestApp } from '../helpers/test-app';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { AUTH_RESOURCE, type AuthProvider } from '../../src/auth/provider';
import { settingsSchema } from '../../src/config/schema';

const SETTINGS = `auth:
  token_ttl_s: 900
  clients:
    - { client_id: app, client_secret: s3cret, scopes: [read, write] }
  users:
    - { username: alice, password: alice, claims: { email: alice@example.com } }
`;

const ENDPOINTS = `- name: orders
  path: /api/orders
  auth: { jwt: { scopes: [read] } }
  response: { owner: "{{jwt.sub}}", email: "{{jwt.email}}" }
- name: limited
  path: /api/limited
  auth: { api_key: { header: X-Api-Key, values: [k1] } }
  rate_limit: { limit: 1, window_s: 60 }
  response: { ok: true }
`;

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-auth-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function app(files: Record<string, string> = { 'mockdock.yaml': SETTINGS, 'api.yaml': ENDPOINTS }, adminToken?: string) {
  const dir = folder(files);
  const t = await createTestApp({ config: dir, adminToken });
  return { ...t, dir, request: supertest(t.app.callback()) };
}

describe('auth in the server', () => {
  it('serves a jwt endpoint whose templates see the verified claims, with a token from the token endpoint', async () => {
    const { request } = await app();
    const tokens = await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'password', username: 'alice', password: 'alice', scope: 'read' }).expect(200);
    expect(tokens.body.expires_in).toBe(900);
    const res = await request.get('/api/orders').set('Authorization', `Bearer ${tokens.body.access_token}`).expect(200);
    expect(res.body).toEqual({ owner: 'alice', email: 'alice@example.com' });
  });

  it('refuses without a token, counts the refusal by reason and logs it as an auth failure', async () => {
    const { request } = await app();
    const res = await request.get('/api/orders').expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="mockdock", scope="read"');
    const expired = (await request.post('/__auth/tokens').send({ scope: 'read', ttl_s: 0 }).expect(200)).body.access_token;
    await request.get('/api/orders').set('Authorization', `Bearer ${expired}`).expect(401);
    const metrics = (await request.get('/metrics').expect(200)).text;
    expect(metrics).toContain('mockdock_auth_rejections_total{endpoint="orders",reason="missing"} 1');
    expect(metrics).toContain('mockdock_auth_rejections_total{endpoint="orders",reason="expired"} 1');
    const logs = (await request.get('/__logs?endpoint=orders').expect(200)).body;
    expect(logs.map((e: { status: number; failure: string }) => [e.status, e.failure])).toEqual([[401, 'auth'], [401, 'auth']]);
  });

  it('checks auth before the rate limit, so refused requests use up no budget', async () => {
    const { request } = await app();
    await request.get('/api/limited').expect(401);
    await request.get('/api/limited').set('X-Api-Key', 'nope').expect(401);
    await request.get('/api/limited').set('X-Api-Key', 'k1').expect(200);
    await request.get('/api/limited').set('X-Api-Key', 'k1').expect(429);
  });

  it('keeps the provider’s own routes open under an admin token, and minting and rotation behind it', async () => {
    const { request } = await app(undefined, 'admin-t');
    await request.get('/.well-known/openid-configuration').expect(200);
    await request.get('/__auth/jwks.json').expect(200);
    await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'client_credentials' }).expect(200);
    await request.post('/__auth/tokens').send({}).expect(401);
    await request.post('/__auth/rotate').expect(401);
    await request.post('/__auth/tokens').set('Authorization', 'Bearer admin-t').send({}).expect(200);
    await request.post('/__auth/rotate').set('Authorization', 'Bearer admin-t').expect(200);
  });

  it('reloads auth settings without a restart, keeping keys; a broken change keeps the last good settings', async () => {
    const { request, dir, registry } = await app();
    const kid = decodeProtectedHeader((await request.post('/__auth/tokens').send({}).expect(200)).body.access_token).kid;
    fs.writeFileSync(path.join(dir, 'mockdock.yaml'), SETTINGS.replace('username: alice, password: alice', 'username: carol, password: c'));
    expect((await registry.reload()).ok).toBe(true);
    await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'password', username: 'carol', password: 'c' }).expect(200);
    await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'password', username: 'alice', password: 'alice' }).expect(400);
    expect(decodeProtectedHeader((await request.post('/__auth/tokens').send({}).expect(200)).body.access_token).kid).toBe(kid);

    fs.writeFileSync(path.join(dir, 'mockdock.yaml'), SETTINGS.replace('client_secret: s3cret', 'client_secret: 42'));
    const broken = await request.post('/__reload').expect(400);
    expect(broken.body.errors[0]).toMatchObject({ file: 'mockdock.yaml', line: 4 });
    await request.post('/__auth/token').auth('app', 's3cret').type('form').send({ grant_type: 'password', username: 'carol', password: 'c' }).expect(200);
  });

  it('signs with the key_file key, and refuses a key file outside the config folder', async () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const { request } = await app({ 'mockdock.yaml': 'auth:\n  algorithm: ES256\n  key_file: __files/auth-key.pem\n', '__files/auth-key.pem': pem });
    const token = (await request.post('/__auth/tokens').send({ sub: 'x' }).expect(200)).body.access_token;
    const expectedKid = await calculateJwkThumbprint(key.publicKey.export({ format: 'jwk' }) as JWK);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: expectedKid });

    const outside = folder({ 'mockdock.yaml': 'auth:\n  key_file: ../secret.pem\n' });
    const built = await buildEndpointSet(outside, { seed: 1 });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.issues[0]).toMatchObject({ file: 'mockdock.yaml', line: 2, message: 'auth.key_file "../secret.pem" points outside the config folder' });
  });

  it('derives the same key from the same --seed in two separate servers', async () => {
    const dir = folder({ 'api.yaml': '- { path: /x, auth: { jwt: {} } }\n' });
    const kidOf = async () => {
      const built = await buildEndpointSet(dir, { seed: 9, authSeed: 9 });
      if (!built.ok) throw new Error('build');
      const provider = built.set.resources.keep<AuthProvider | null>(AUTH_RESOURCE, () => null)!;
      return (await provider.keys.current()).kid;
    };
    expect(await kidOf()).toBe(await kidOf());
  });

  it('reports a bad endpoint auth at its line, and publishes both auth schemas', async () => {
    const dir = folder({ 'api.yaml': '- path: /x\n  auth:\n    jwt: { scopes: read }\n' });
    const built = await buildEndpointSet(dir, { seed: 1 });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.issues[0]).toMatchObject({ file: 'api.yaml', line: 3 });
    expect(JSON.stringify(settingsSchema)).toContain('Built-in OpenID Connect provider');
    expect((settingsSchema.properties as Record<string, unknown>).auth).toEqual({ $ref: '#/definitions/authSettings' });
  });

  it('uses --public-url as the issuer of its tokens', async () => {
    const dir = folder({ 'mockdock.yaml': SETTINGS });
    const built = await buildEndpointSet(dir, { seed: 1, publicUrl: 'http://mockdock:8080' });
    if (!built.ok) throw new Error('build');
    const provider = built.set.resources.keep<AuthProvider | null>(AUTH_RESOURCE, () => null)!;
    const route = provider.route('POST', '/__auth/tokens')!;
    const answer = await provider.handle(route, { method: 'POST', path: '/__auth/tokens', query: {}, headers: { host: 'localhost:1' }, body: {} });
    expect(decodeJwt((answer.body as { access_token: string }).access_token).iss).toBe('http://mockdock:8080');
  });
});
