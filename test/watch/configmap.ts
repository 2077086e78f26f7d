/** A Kubernetes ConfigMap volume on disk, updated the way the kubelet does it. */
import * as fs from 'fs';
import * as path from 'path';

let generation = 0;

function stamp(): string {
  generation += 1;
  return `..2026_01_01_00_00_00.${String(generation).padStart(9, '0')}`;
}

/**
 * Lays out `root` as the kubelet does: files in a timestamped `..` folder, `..data` linking to
 * it, and one top-level link per key through `..data`.
 */
export function createConfigMap(root: string, files: Record<string, string>): void {
  const folder = stamp();
  fs.mkdirSync(path.join(root, folder));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, folder, name), text);
  fs.symlinkSync(folder, path.join(root, '..data'));
  for (const name of Object.keys(files)) fs.symlinkSync(path.join('..data', name), path.join(root, name));
}

/**
 * The kubelet's atomic update: write a new timestamped folder, point `..data_tmp` at it, rename
 * that over `..data` (the one atomic step), add links for new keys, drop links for removed keys,
 * then delete the old folder.
 */
export function updateConfigMap(root: string, files: Record<string, string>): void {
  const old = fs.readlinkSync(path.join(root, '..data'));
  const oldKeys = fs.readdirSync(path.join(root, old));
  const folder = stamp();
  fs.mkdirSync(path.join(root, folder));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, folder, name), text);
  fs.symlinkSync(folder, path.join(root, '..data_tmp'));
  fs.renameSync(path.join(root, '..data_tmp'), path.join(root, '..data'));
  for (const name of Object.keys(files)) {
    if (!oldKeys.includes(name)) fs.symlinkSync(path.join('..data', name), path.join(root, name));
  }
  for (const name of oldKeys) if (!(name in files)) fs.unlinkSync(path.join(root, name));
  fs.rmSync(path.join(root, old), { recursive: true });
}
