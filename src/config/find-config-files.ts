/**
 * Finds the config files under the config root, in path order: each folder's entries sorted by
 * name (character codes, as `LC_ALL=C ls` sorts), folders walked where they fall in that order.
 * Skips `__files` folders and names starting with `.`; follows symlinks (a Kubernetes ConfigMap
 * mounts files as links into `..data/`), but not out of the root and not round a cycle.
 */
import { constants as fsConstants, promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { isInside } from './body-files';

export interface ConfigRoot {
  /** The folder that config and body-file paths are relative to. */
  dir: string;
  realDir: string;
  /** Set when the root given was a single file: its path as given. */
  singleFile?: string;
}

export interface FoundFiles {
  /** Paths relative to the root, `/`-separated, in load order. */
  files: string[];
  problems: { file: string; message: string }[];
}

const CONFIG_FILE = /\.(ya?ml|json)$/i;

export async function openRoot(root: string): Promise<{ ok: true; root: ConfigRoot } | { ok: false; message: string }> {
  try {
    const stat = await fs.stat(root);
    if (stat.isFile()) {
      const dir = path.dirname(path.resolve(root));
      return { ok: true, root: { dir, realDir: await fs.realpath(dir), singleFile: root } };
    }
    if (!stat.isDirectory()) return { ok: false, message: `config path "${root}" is neither a folder nor a file` };
    const dir = path.resolve(root);
    await fs.access(dir, fsConstants.R_OK | fsConstants.X_OK);
    return { ok: true, root: { dir, realDir: await fs.realpath(dir) } };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    return { ok: false, message: `config folder "${root}" ${why}` };
  }
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export async function findConfigFiles(root: ConfigRoot): Promise<FoundFiles> {
  const found: FoundFiles = { files: [], problems: [] };
  // Real paths already read: a folder or file reached twice (links, cycles) is read once.
  const seen = new Set<string>([root.realDir]);

  async function walk(dir: string, realDir: string, relative: string): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      found.problems.push({ file: relative || '.', message: `folder cannot be read (${(error as NodeJS.ErrnoException).code})` });
      return;
    }
    for (const entry of entries.sort(byName)) {
      if (entry.name.startsWith('.')) continue;
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      const kind = await kindOf(entry, path.join(dir, entry.name), path.join(realDir, entry.name));
      if (!kind) continue;
      if (kind.type === 'dir' ? entry.name === '__files' : !CONFIG_FILE.test(entry.name)) continue;
      if (!isInside(root.realDir, kind.real)) {
        found.problems.push({ file: rel, message: `"${rel}" links outside the config folder; mockdock reads only files inside it` });
        continue;
      }
      if (seen.has(kind.real)) continue;
      seen.add(kind.real);
      if (kind.type === 'dir') await walk(path.join(dir, entry.name), kind.real, rel);
      else found.files.push(rel);
    }
  }

  await walk(root.dir, root.realDir, '');
  return found;
}

/** What an entry is once links are followed; undefined for dangling links (mid-way through a ConfigMap update) and other kinds. */
async function kindOf(entry: Dirent, full: string, realGuess: string): Promise<{ type: 'dir' | 'file'; real: string } | undefined> {
  if (!entry.isSymbolicLink()) {
    if (entry.isDirectory()) return { type: 'dir', real: realGuess };
    return entry.isFile() ? { type: 'file', real: realGuess } : undefined;
  }
  try {
    const real = await fs.realpath(full);
    const stat = await fs.stat(real);
    if (stat.isDirectory()) return { type: 'dir', real };
    return stat.isFile() ? { type: 'file', real } : undefined;
  } catch {
    return undefined;
  }
}
