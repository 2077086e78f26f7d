/** `--tls self-signed`: a certificate for localhost, 127.0.0.1 and ::1, made offline at start and written out for clients to trust. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface GeneratedCertificate {
  cert: string;
  key: string;
  /** Where cert.pem and key.pem were written. */
  certFile: string;
  keyFile: string;
}

export const SELF_SIGNED_NAMES = ['localhost', '127.0.0.1', '::1'];

const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)$/;

/** `names`: more host names or addresses the certificate is for (`--tls-names mockdock`, the Compose service name). */
export async function makeSelfSigned(outDir: string, names: readonly string[] = [], now = new Date()): Promise<GeneratedCertificate> {
  const extra = names.filter((n) => !SELF_SIGNED_NAMES.includes(n)).map((n) => (IP.test(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n }));
  const made = await generate([{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'mockdock' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 365 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }, ...extra] },
    ],
  });
  mkdirSync(outDir, { recursive: true });
  const certFile = path.join(outDir, 'cert.pem');
  const keyFile = path.join(outDir, 'key.pem');
  writeFileSync(certFile, made.cert);
  // the key is readable by its owner only
  writeFileSync(keyFile, made.private, { mode: 0o600 });
  return { cert: made.cert, key: made.private, certFile, keyFile };
}
