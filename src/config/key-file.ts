/** Reads `auth.key_file` of mockdock.yaml: inside the config folder only, as body files are. */
import * as fs from 'node:fs';
import { BodyFiles } from './body-files';

export type KeyFileRead = { text: string } | { problem: string };

export function keyFileReader(root: string): (relPath: string) => KeyFileRead {
  let files: BodyFiles | null = null;
  return (relPath) => {
    try {
      files ??= new BodyFiles(root, fs.realpathSync(root));
    } catch {
      return { problem: 'cannot be read: the config folder is not there' };
    }
    const read = files.read(relPath);
    return read.ok ? { text: read.content.toString('utf8') } : { problem: read.message.replace(/^body_file /, '') };
  };
}
