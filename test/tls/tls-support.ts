/** Real parts for TLS tests: mockdock started in this process on a loopback port with TLS, and a CA made with openssl. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveOptions, type ServerFlags } from '../../src/server/options';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { createLogger } from '../../src/server/logger';

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `mockdock-${prefix}-`));
}

export function configDir(files: Record<string, string>): string {
  const dir = tempDir('tls-config');
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

export async function start(flags: ServerFlags): Promise<RunningServer> {
  const resolved = resolveOptions({ port: '0', host: '127.0.0.1', watch: false, shutdownTimeout: '2000', ...flags }, {});
  if (!resolved.ok) throw new Error(resolved.error);
  const started = await startServer(resolved.options, createLogger('silent'));
  if (!started.ok) throw new Error(started.lines.join('\n'));
  return started.server;
}

export async function startError(flags: ServerFlags): Promise<string> {
  const resolved = resolveOptions({ port: '0', host: '127.0.0.1', watch: false, ...flags }, {});
  if (!resolved.ok) return resolved.error;
  const started = await startServer(resolved.options, createLogger('silent'));
  if (started.ok) {
    await started.server.shutdown('test');
    throw new Error('the server started');
  }
  return started.lines.join('\n');
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

/** A CA and a client certificate it signed (CN=alice), plus a client certificate no one trusts (CN=mallory). */
export function makeClientPki(): { dir: string; ca: string; clientCert: string; clientKey: string; strangerCert: string; strangerKey: string } {
  const dir = tempDir('pki');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Test CA/O=Example'], dir);
  openssl(['req', ...ec, '-keyout', 'alice.key', '-out', 'alice.csr', '-subj', '/CN=alice/O=Example'], dir);
  writeFileSync(path.join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  openssl(['x509', '-req', '-in', 'alice.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'alice.pem', '-days', '2', '-extfile', 'client.ext'], dir);
  openssl(['req', '-x509', ...ec, '-keyout', 'mallory.key', '-out', 'mallory.pem', '-days', '2', '-subj', '/CN=mallory'], dir);
  const at = (f: string) => path.join(dir, f);
  return { dir, ca: at('ca.pem'), clientCert: at('alice.pem'), clientKey: at('alice.key'), strangerCert: at('mallory.pem'), strangerKey: at('mallory.key') };
}
