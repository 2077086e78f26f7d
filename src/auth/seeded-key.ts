/** Private keys derived from `--seed`, so a seeded run signs with the same key (and `kid`) every time. */
import { checkPrimeSync, createECDH, createHash } from 'node:crypto';
import type { JWK } from 'jose';

export type SigningAlgorithm = 'RS256' | 'ES256';

/**
 * A deterministic byte stream: SHA-256 in counter mode over the seed, the algorithm and the key's
 * index (0 for the first key, 1 after the first rotation …).
 */
function byteStream(seed: number, alg: SigningAlgorithm, index: number): (n: number) => Buffer {
  let counter = 0;
  return (n) => {
    const parts: Buffer[] = [];
    for (let have = 0; have < n; have += 32) {
      parts.push(createHash('sha256').update(`mockdock-auth-key\u0000${seed}\u0000${alg}\u0000${index}\u0000${counter++}`).digest());
    }
    return Buffer.concat(parts).subarray(0, n);
  };
}

const toBig = (buf: Buffer): bigint => BigInt(`0x${buf.toString('hex') || '0'}`);

function toB64url(value: bigint, length?: number): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let buf = Buffer.from(hex, 'hex');
  if (length !== undefined && buf.length < length) buf = Buffer.concat([Buffer.alloc(length - buf.length), buf]);
  return buf.toString('base64url');
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/**
 * A prime of `bits` bits: a candidate from the stream (top two bits set, so p·q has the full
 * length), then the next odd numbers in turn. OpenSSL's primality test (node:crypto) does the
 * work; a pure-JS key generator with a seeded source would take seconds.
 */
function nextPrime(next: (n: number) => Buffer, bits: number, e: bigint): bigint {
  const bytes = next(bits / 8);
  bytes[0] |= 0xc0;
  bytes[bytes.length - 1] |= 1;
  for (let p = toBig(bytes); ; p += 2n) {
    if (gcd(p - 1n, e) === 1n && checkPrimeSync(p)) return p;
  }
}

function rsaJwk(next: (n: number) => Buffer): JWK {
  const e = 65537n;
  const p = nextPrime(next, 1024, e);
  let q = nextPrime(next, 1024, e);
  while (q === p) q = nextPrime(next, 1024, e);
  const n = p * q;
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
  const d = modInverse(e, lambda);
  return {
    kty: 'RSA',
    n: toB64url(n, 256),
    e: toB64url(e),
    d: toB64url(d, 256),
    p: toB64url(p, 128),
    q: toB64url(q, 128),
    dp: toB64url(d % (p - 1n)),
    dq: toB64url(d % (q - 1n)),
    qi: toB64url(modInverse(q, p)),
  };
}

// The order of the P-256 group: a private scalar must lie in [1, N-1].
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

function ecJwk(next: (n: number) => Buffer): JWK {
  const d = (toB64url((toBig(next(48)) % (P256_N - 1n)) + 1n, 32));
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(d, 'base64url'));
  const point = ecdh.getPublicKey(); // 0x04 || x || y
  return { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url'), d };
}

/** The private JWK for `seed`, `alg` and the key's index; the same inputs give the same key. */
export function seededPrivateJwk(seed: number, alg: SigningAlgorithm, index: number): JWK {
  const next = byteStream(seed, alg, index);
  return alg === 'RS256' ? rsaJwk(next) : ecJwk(next);
}
