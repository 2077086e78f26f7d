/** A signing key of the built-in provider and where keys come from: a PEM file, `--seed`, or fresh randomness. */
import { createHash, createPrivateKey } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { seededPrivateJwk, type SigningAlgorithm } from './seeded-key';

export interface SigningKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  /** As published in the JWKS: public parts only, with `kid`, `alg` and `use`. */
  readonly publicJwk: JWK;
}

/**
 * Makes the provider's keys. Index 0 is the first key; each rotation asks for the next index. Two
 * sources with the same fingerprint make the same keys, so a reload that changes nothing keeps them.
 */
export interface KeySource {
  readonly fingerprint: string;
  readonly alg: SigningAlgorithm;
  make(index: number): Promise<SigningKey>;
}

const PRIVATE_PARTS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

async function fromPrivateJwk(jwk: JWK, alg: SigningAlgorithm): Promise<SigningKey> {
  const pub: JWK = Object.fromEntries(Object.entries(jwk).filter(([k]) => !PRIVATE_PARTS.includes(k) && k !== 'kid' && k !== 'alg' && k !== 'use' && k !== 'key_ops' && k !== 'ext'));
  const kid = await calculateJwkThumbprint(pub, 'sha256');
  const privateKey = (await importJWK({ ...jwk, alg }, alg)) as CryptoKey;
  const publicKey = (await importJWK({ ...pub, alg }, alg)) as CryptoKey;
  return { kid, alg, privateKey, publicKey, publicJwk: { ...pub, kid, alg, use: 'sig' } };
}

async function randomKey(alg: SigningAlgorithm): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  return fromPrivateJwk(await exportJWK(privateKey), alg);
}

/** A fresh key at start (and at each rotation). */
export function randomKeySource(alg: SigningAlgorithm): KeySource {
  const fingerprint = `random:${alg}`;
  return { fingerprint, alg, make: () => randomKey(alg) };
}

/** Keys derived from the seed: every run with the same seed has the same `kid`s, rotations included. */
export function seededKeySource(seed: number, alg: SigningAlgorithm): KeySource {
  return { fingerprint: `seed:${seed}:${alg}`, alg, make: async (index) => fromPrivateJwk(seededPrivateJwk(seed, alg, index), alg) };
}

/** The key of `key_file` first; rotations then make keys as `after` does (seeded or random). */
export function fileKeySource(privateJwk: JWK, alg: SigningAlgorithm, after: KeySource): KeySource {
  const digest = createHash('sha256').update(JSON.stringify(privateJwk)).digest('base64url');
  return {
    fingerprint: `file:${digest}:${after.fingerprint}`,
    alg,
    make: (index) => (index === 0 ? fromPrivateJwk(privateJwk, alg) : after.make(index)),
  };
}

/**
 * Reads a PEM private key (PKCS#8, PKCS#1 or SEC1) for `alg`: an RSA key of at least 2048 bits for
 * RS256, a P-256 key for ES256. Returns the private JWK, or what is wrong with it.
 */
export function parsePemKey(pem: string, alg: SigningAlgorithm): { jwk: JWK } | { problem: string } {
  let key;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    return { problem: `is not a PEM private key (${(err as Error).message})` };
  }
  const details = key.asymmetricKeyDetails ?? {};
  if (alg === 'RS256' && (key.asymmetricKeyType !== 'rsa' || (details.modulusLength ?? 0) < 2048)) {
    return { problem: `must be an RSA key of 2048 bits or more for RS256 (got ${key.asymmetricKeyType} ${details.modulusLength ?? details.namedCurve ?? ''})`.trim() };
  }
  if (alg === 'ES256' && (key.asymmetricKeyType !== 'ec' || details.namedCurve !== 'prime256v1')) {
    return { problem: `must be an EC P-256 key for ES256 (got ${key.asymmetricKeyType} ${details.namedCurve ?? details.modulusLength ?? ''})`.trim() };
  }
  return { jwk: key.export({ format: 'jwk' }) as JWK };
}
