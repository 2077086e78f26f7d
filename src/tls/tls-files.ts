/** Reads and checks the TLS files named by flags, so a bad one stops the start with a sentence naming the flag and the file. */
import { readFileSync } from 'node:fs';
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';

export type FileResult<T> = { ok: true; value: T } | { ok: false; message: string };

function read(flag: string, file: string): FileResult<Buffer> {
  try {
    return { ok: true, value: readFileSync(file) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied (check the file mode, and the user mockdock runs as)' : code === 'EISDIR' ? 'is a folder, not a file' : (err as Error).message;
    return { ok: false, message: `${flag} ${file}: ${why}` };
  }
}

/** Every certificate in a PEM file (a chain, or a CA bundle). */
function certificates(flag: string, file: string, pem: Buffer): FileResult<X509Certificate[]> {
  const blocks = pem.toString('utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return { ok: false, message: `${flag} ${file}: no PEM certificate in it (expected "-----BEGIN CERTIFICATE-----")` };
  try {
    return { ok: true, value: blocks.map((b) => new X509Certificate(b)) };
  } catch (err) {
    return { ok: false, message: `${flag} ${file}: not a readable certificate (${(err as Error).message})` };
  }
}

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
}

/** The server certificate and key, checked to belong together. */
export function readKeyPair(certFile: string, keyFile: string): FileResult<TlsMaterial> {
  const cert = read('--tls-cert', certFile);
  if (!cert.ok) return cert;
  const key = read('--tls-key', keyFile);
  if (!key.ok) return key;
  const chain = certificates('--tls-cert', certFile, cert.value);
  if (!chain.ok) return chain;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key.value);
  } catch (err) {
    const encrypted = /ENCRYPTED/.test(key.value.toString('utf8'));
    return { ok: false, message: `--tls-key ${keyFile}: ${encrypted ? 'the key is encrypted; give an unencrypted PEM key' : `not a readable PEM private key (${(err as Error).message})`}` };
  }
  if (!chain.value[0].checkPrivateKey(privateKey)) {
    return { ok: false, message: `--tls-key ${keyFile} does not belong to the certificate in --tls-cert ${certFile} (the first certificate of the file must be the server's own)` };
  }
  return { ok: true, value: { cert: cert.value, key: key.value } };
}

/** The CA bundle that client certificates must be signed by (mTLS). */
export function readCa(caFile: string): FileResult<Buffer> {
  const ca = read('--tls-ca', caFile);
  if (!ca.ok) return ca;
  const certs = certificates('--tls-ca', caFile, ca.value);
  return certs.ok ? { ok: true, value: ca.value } : certs;
}
