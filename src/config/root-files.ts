/** Reads a file a capability names (a CA bundle, a key) relative to the config root, under the body-file rules: never outside the root. */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CompileServices } from '../model/pipeline';
import { BodyFiles } from './body-files';

/** `root` is the config folder or a single config file (its folder is then the root). Reads happen on demand. */
export function rootFileReader(root: string): CompileServices['readFile'] {
  let files: BodyFiles | null = null;
  return (relative) => {
    if (files === null) {
      let dir = root;
      try {
        if (!statSync(root).isDirectory()) dir = path.dirname(root);
        files = new BodyFiles(dir, realpathSync(dir), 'file');
      } catch {
        return { ok: false, message: `"${relative}" cannot be read: the config folder cannot be opened` };
      }
    }
    const read = files.read(relative);
    return read.ok ? { ok: true, content: read.content } : read;
  };
}
