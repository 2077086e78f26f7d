/** Runs `mockdock import` into a fresh config root and serves the result with the real app (no port). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runImportCommand } from '../../../src/import/import-command';
import { buildEndpointSet } from '../../../src/registry/build-endpoint-set';
import { createTestApp, type TestApp } from '../../helpers/test-app';

export interface Imported {
  code: number;
  lines: string[];
  root: string;
  /** The written endpoint file's text. */
  read(file: string): string;
  serve(seed?: number): Promise<TestApp>;
  validates(): Promise<boolean>;
  cleanup(): void;
}

export async function importInto(kind: string, src: string, extra: { redactField?: string[] } = {}): Promise<Imported> {
  const root = mkdtempSync(path.join(os.tmpdir(), `mockdock-import-${kind}-`));
  const lines: string[] = [];
  const code = await runImportCommand(kind, src, { out: path.join(root, 'imported'), say: (l) => lines.push(l), ...extra });
  return {
    code,
    lines,
    root,
    read: (file) => readFileSync(path.join(root, 'imported', file), 'utf8'),
    serve: (seed = 1) => createTestApp({ config: root, seed }),
    validates: async () => (await buildEndpointSet(root, { seed: 0 })).ok,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
