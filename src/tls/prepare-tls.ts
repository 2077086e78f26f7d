/** The TLS flags → the certificate, key and client CA the server starts with, or the one sentence saying what is wrong. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCa, readKeyPair, type TlsMaterial } from './tls-files';

export interface TlsSettings {
  readonly cert?: string;
  readonly key?: string;
  /** `--tls self-signed`. */
  readonly selfSigned: boolean;
  /** `--tls-out DIR`: where a self-signed certificate and its key are written. */
  readonly out?: string;
  /** `--tls-names`: more names a self-signed certificate is for (e.g. the Compose service name). */
  readonly names?: readonly string[];
  /** `--tls-ca FILE`: client certificates must be signed by it (mTLS). */
  readonly ca?: string;
}

export interface PreparedTls {
  material: TlsMaterial;
  /** For the start-up log: what the server presents, and where a generated certificate went. */
  description: Record<string, string>;
}

export async function prepareTls(settings: TlsSettings): Promise<{ ok: true; tls: PreparedTls } | { ok: false; message: string }> {
  let material: TlsMaterial;
  const description: Record<string, string> = {};
  if (settings.selfSigned) {
    const out = settings.out ?? mkdtempSync(path.join(os.tmpdir(), 'mockdock-tls-'));
    try {
      // loaded on demand: the certificate library costs start-up time only when it is used
      const { makeSelfSigned } = await import('./self-signed');
      const made = await makeSelfSigned(out, settings.names ?? []);
      material = { cert: Buffer.from(made.cert), key: Buffer.from(made.key) };
      description.tls_cert = made.certFile;
      description.tls_key = made.keyFile;
    } catch (err) {
      return { ok: false, message: `--tls self-signed: cannot write the certificate into --tls-out ${out}: ${(err as Error).message}` };
    }
  } else {
    const pair = readKeyPair(settings.cert!, settings.key!);
    if (!pair.ok) return { ok: false, message: pair.message };
    material = pair.value;
    description.tls_cert = settings.cert!;
  }
  if (settings.ca !== undefined) {
    const ca = readCa(settings.ca);
    if (!ca.ok) return { ok: false, message: ca.message };
    material.ca = ca.value;
    description.tls_ca = settings.ca;
  }
  return { ok: true, tls: { material, description } };
}
