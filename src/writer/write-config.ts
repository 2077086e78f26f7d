/**
 * Writes endpoint files and body files into a config root so that it is valid config at every
 * moment: everything is staged in a hidden folder inside the root (the loader skips names that
 * start with "."), checked there by the very loader `mockdock validate` uses, then renamed into
 * place, body files first. A staging set that does not validate writes nothing.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { ConfigIssue } from '../errors/config-issue';
import { buildEndpointSet } from '../registry/build-endpoint-set';

export interface OutputFile {
  /** Relative to the config root, "/"-separated. */
  path: string;
  content: string | Buffer;
}

export type WriteResult = { ok: true; written: string[] } | { ok: false; issues: ConfigIssue[] };

const CONFIG_FILE = /\.(ya?ml|json)$/i;

function isConfigFile(rel: string): boolean {
  return CONFIG_FILE.test(rel) && !rel.split('/').includes('__files');
}

/** Refuses paths that would land outside the root: the writer only ever writes inside it. */
function target(root: string, rel: string): string {
  const full = path.resolve(root, rel);
  const back = path.relative(root, full);
  if (back === '' || back.startsWith('..') || path.isAbsolute(back)) throw new Error(`refusing to write "${rel}": it is not inside the config root`);
  return full;
}

/**
 * body_file paths named by a staged endpoint file. A line scan, not a parse: the files can be large and
 * the loader parses them anyway; a value the scan misreads only means the check reports it missing.
 */
function bodyFilesNamed(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^[ \t-]*"?body_file"?\s*:\s*(.+?)\s*$/gm)) {
    try {
      const value: unknown = YAML.parse(m[1]);
      if (typeof value === 'string') out.push(value);
    } catch {
      // not a plain value: nothing to stage
    }
  }
  return out;
}

/** Body files that were written earlier are linked (or copied) into the staging root, so the check sees them. */
async function stageExisting(root: string, staging: string, rel: string): Promise<void> {
  const from = path.resolve(root, rel);
  const to = path.resolve(staging, rel);
  if (!to.startsWith(staging + path.sep)) return;
  try {
    await fs.access(to);
    return;
  } catch {
    // not staged yet
  }
  await fs.mkdir(path.dirname(to), { recursive: true });
  try {
    await fs.link(from, to);
  } catch {
    await fs.copyFile(from, to).catch(() => undefined); // a missing file is then reported by the check itself
  }
}

/**
 * Stages, validates and then moves `files` into `root`. Issues name files relative to the root.
 * Only the files given are checked (plus the body files they name), not the rest of the root.
 */
export async function writeConfig(root: string, files: OutputFile[]): Promise<WriteResult> {
  const absRoot = path.resolve(root);
  await fs.mkdir(absRoot, { recursive: true });
  const staging = await fs.mkdtemp(path.join(absRoot, '.mockdock-write-'));
  try {
    const given = new Set(files.map((f) => f.path));
    for (const file of files) {
      target(absRoot, file.path);
      const full = path.resolve(staging, file.path);
      await fs.mkdir(path.dirname(full), { recursive: true });
      await fs.writeFile(full, file.content);
    }
    for (const file of files.filter((f) => isConfigFile(f.path))) {
      for (const rel of bodyFilesNamed(file.content.toString())) if (!given.has(rel)) await stageExisting(absRoot, staging, rel);
    }
    const built = await buildEndpointSet(staging, { seed: 0 });
    if (!built.ok) return { ok: false, issues: built.issues };
    const ordered = [...files.filter((f) => !isConfigFile(f.path)), ...files.filter((f) => isConfigFile(f.path))];
    for (const file of ordered) {
      const to = target(absRoot, file.path);
      await fs.mkdir(path.dirname(to), { recursive: true });
      await fs.rename(path.resolve(staging, file.path), to);
    }
    return { ok: true, written: ordered.map((f) => f.path) };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}
