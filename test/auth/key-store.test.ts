import { decodeProtectedHeader, jwtVerify, createLocalJWKSet } from 'jose';
import { KeyStore } from '../../src/auth/key-store';
import { randomKeySource, seededKeySource, fileKeySource, parsePemKey } from '../../src/auth/signing-key';
import { mintToken } from '../../src/auth/mint-token';
import { generateKeyPairSync } from 'node:crypto';
import { fakeClock } from './provider-app';

describe('signing keys', () => {
  it('derives the same RS256 key, and so the same kid, from the same seed', async () => {
    const a = await seededKeySource(42, 'RS256').make(0);
    const b = await seededKeySource(42, 'RS256').make(0);
    const c = await seededKeySource(43, 'RS256').make(0);
    expect(a.kid).toBe(b.kid);
    expect(c.kid).not.toBe(a.kid);
    expect(a.publicJwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: a.kid });
    expect(Buffer.from(a.publicJwk.n as string, 'base64url')).toHaveLength(256);
  });

  it('derives ES256 keys from a seed, a different one for each rotation', async () => {
    const first = await seededKeySource(7, 'ES256').make(0);
    const again = await seededKeySource(7, 'ES256').make(0);
    const rotated = await seededKeySource(7, 'ES256').make(1);
    expect(first.kid).toBe(again.kid);
    expect(rotated.kid).not.toBe(first.kid);
    expect(first.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
  });

  it('signs tokens with a seeded key that verify against its published JWKS', async () => {
    const key = await seededKeySource(1, 'RS256').make(0);
    const { token } = await mintToken(key, { issuer: 'http://x', subject: 'alice', ttlS: 60 }, Date.now());
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [key.publicJwk] }));
    expect(payload.sub).toBe('alice');
    expect(decodeProtectedHeader(token).kid).toBe(key.kid);
  });

  it('reads a PEM key file and refuses one of the wrong type', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }) as string;
    const parsed = parsePemKey(rsa, 'RS256');
    expect('jwk' in parsed).toBe(true);
    expect(parsePemKey(ec, 'RS256')).toEqual({ problem: expect.stringContaining('must be an RSA key') });
    expect(parsePemKey(rsa, 'ES256')).toEqual({ problem: expect.stringContaining('must be an EC P-256 key') });
    expect(parsePemKey('not a key', 'RS256')).toEqual({ problem: expect.stringContaining('is not a PEM private key') });
    const fromFile = fileKeySource((parsed as { jwk: never }).jwk, 'RS256', randomKeySource('RS256'));
    expect((await fromFile.make(0)).kid).toBe((await fromFile.make(0)).kid);
  });
});

describe('key rotation', () => {
  it('keeps the previous key in the JWKS for the overlap window, then drops it', async () => {
    const clock = fakeClock();
    const store = new KeyStore(seededKeySource(5, 'RS256'), 300, clock.now);
    const first = await store.current();
    const published = (await store.jwks()).keys.map((k) => k.kid);
    expect(published[0]).toBe(first.kid);
    const rotated = await store.rotate();
    // the next key was published before it became current
    expect(rotated.kid).toBe(published[1]);
    expect(rotated.retired).toEqual([{ kid: first.kid, expires_at: new Date(clock.now() + 300_000).toISOString() }]);
    const afterRotation = (await store.jwks()).keys.map((k) => k.kid);
    expect(afterRotation).toEqual([rotated.kid, expect.any(String), first.kid]);
    expect(new Set(afterRotation).size).toBe(3);
    expect(store.publicKey(first.kid)).toBeDefined();
    const generation = store.generation;

    clock.advance(299_999);
    expect(store.publicKey(first.kid)).toBeDefined();
    clock.advance(1);
    expect(store.publicKey(first.kid)).toBeUndefined();
    expect((await store.jwks()).keys.map((k) => k.kid)).toEqual([rotated.kid, afterRotation[1]]);
    expect(store.generation).toBeGreaterThan(generation);
  });

  it('keeps its key across a reload with the same source, and retires it when the algorithm changes', async () => {
    const clock = fakeClock();
    const store = new KeyStore(seededKeySource(5, 'RS256'), 300, clock.now);
    const first = await store.current();
    store.configure(seededKeySource(5, 'RS256'), 300);
    expect((await store.current()).kid).toBe(first.kid);
    store.configure(seededKeySource(5, 'ES256'), 60);
    const next = await store.current();
    expect(next.alg).toBe('ES256');
    expect((await store.jwks()).keys.map((k) => k.kid)).toEqual([next.kid, expect.any(String), first.kid]);
  });
});
