import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { generateKeyPairSync } from 'node:crypto';
import { compileAuthSettings } from '../../src/auth/auth-settings';
import { authSettingsSchema, endpointAuthSchema } from '../../src/auth/auth-schema';
import { locate } from './provider-app';

// The example of SPEC §8, as a user writes it in mockdock.yaml.
const EXAMPLE = {
  issuer: 'http://localhost:8080',
  algorithm: 'RS256',
  key_file: '__files/auth-key.pem',
  token_ttl_s: 3600,
  clients: [
    { client_id: 'app', client_secret: 's3cret', scopes: ['read', 'write'], redirect_uris: ['http://localhost:3000/callback'] },
    { client_id: 'spa', public: true, redirect_uris: ['http://localhost:5173/'] },
  ],
  users: [{ username: 'alice', password: 'alice', claims: { email: 'alice@example.com', roles: ['admin'] } }],
};

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const readPem = (rel: string) => (rel === '__files/auth-key.pem' ? { text: pem } : { problem: `${rel} does not exist` });
const problems = (spec: unknown) => {
  const r = compileAuthSettings(spec, locate, readPem);
  return r.ok ? [] : r.issues.map((i) => i.message);
};

describe('auth settings of mockdock.yaml', () => {
  it('compile the documented example, key file included', () => {
    const r = compileAuthSettings(EXAMPLE, locate, readPem);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings.issuer).toBe('http://localhost:8080');
    expect(r.settings.keyFileJwk).toMatchObject({ kty: 'RSA' });
    expect([...r.settings.clients.keys()]).toEqual(['app', 'spa']);
    expect(r.settings.overlapS).toBe(300);
  });

  it('report each mistake at its key', () => {
    expect(problems({ algorithm: 'HS256' })).toEqual([expect.stringMatching(/^auth.algorithm must be RS256 or ES256/)]);
    expect(problems({ key_file: 'missing.pem' })).toEqual(['auth.key_file missing.pem does not exist']);
    expect(problems({ key_file: '__files/auth-key.pem', algorithm: 'ES256' })).toEqual([expect.stringMatching(/^auth.key_file __files\/auth-key.pem must be an EC P-256 key/)]);
    expect(problems({ clients: [{ client_id: 'a' }] })).toEqual(['auth.clients[0] client "a" needs a client_secret, or public: true']);
    expect(problems({ clients: [{ client_id: 'a', public: true, client_secret: 'x' }] })).toEqual(['auth.clients[0].client_secret a public client has no secret (it uses PKCE)']);
    expect(problems({ users: [{ username: 'a' }, { username: 'a' }] })).toEqual(['auth.users[1].username repeats user "a"']);
    expect(problems({ token_ttl: 5 })).toEqual([expect.stringMatching(/^auth.token_ttl is not an auth setting/)]);
  });

  it('have JSON Schemas that accept the documented forms and refuse typos', () => {
    // as strict as the config loader's own ajv
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    const settings = ajv.compile(authSettingsSchema);
    const endpoint = ajv.compile(endpointAuthSchema);
    expect(settings(EXAMPLE)).toBe(true);
    expect(settings({ ...EXAMPLE, algorithm: 'HS256' })).toBe(false);
    for (const ok of [{ jwt: { scopes: ['read'], claims: { roles: 'admin' }, audience: 'api' } }, { jwt: null }, { basic: [{ username: 'u', password: 'p' }] }, { api_key: { query: 'k', values: ['1'] } }]) {
      expect(endpoint(ok)).toBe(true);
    }
    // (jwks_url with secret, header with query: the compile step refuses those, at their line)
    for (const bad of [{ jwt: { scope: 'read' } }, { jwt: {}, basic: [] }, { api_key: { values: ['1'], in: 'header' } }, { basic: [{ username: 'a:b', password: 'p' }] }]) {
      expect(endpoint(bad)).toBe(false);
    }
  });
});
