/** Shared helpers for the config tests: fixture paths, temp folders, issues as `file:line:col message`. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatIssue } from '../../src/errors/config-issue';
import { loadConfig, type LoadResult } from '../../src/config/load-config';

export function fixture(name: string): string {
  return path.join(__dirname, '..', 'fixtures', `config-${name}`);
}

export async function loadOk(root: string): Promise<Extract<LoadResult, { ok: true }>> {
  const result = await loadConfig(root);
  if (!result.ok) throw new Error(`expected ${root} to load, got:\n${result.issues.map(formatIssue).join('\n')}`);
  return result;
}

export async function loadIssues(root: string): Promise<string[]> {
  const result = await loadConfig(root);
  if (result.ok) throw new Error(`expected ${root} to fail, it loaded ${result.endpoints.length} endpoints`);
  return result.issues.map(formatIssue);
}

/** A temp folder with these files (`content` null makes a folder); removed by the returned cleanup. */
export function tempFolder(files: Record<string, string | null> = {}): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-config-'));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    if (content === null) fs.mkdirSync(full, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
    }
  }
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
