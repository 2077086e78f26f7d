/** What the config root is right now (missing, a folder or one file), with an identity that changes when it is replaced. */
import { promises as fs } from 'fs';

export type RootKind = 'missing' | 'folder' | 'file';

export interface RootState {
  kind: RootKind;
  /** The root with every symlink resolved: what chokidar is pointed at. */
  realPath: string;
  /** Equal identities mean "the same root": no need to restart watching. */
  identity: string;
  /** Why the root could not be examined, when it is not simply absent. */
  error?: Error;
}

export async function probeRoot(root: string): Promise<RootState> {
  try {
    const realPath = await fs.realpath(root);
    const stats = await fs.stat(realPath);
    if (stats.isDirectory()) {
      // chokidar never recovers when its root folder is deleted and made again, so a new inode
      // (or a root symlink pointed elsewhere) must restart the watch.
      return { kind: 'folder', realPath, identity: `folder:${stats.dev}:${stats.ino}:${realPath}` };
    }
    // chokidar follows a single file across atomic saves (new inode, same path) by itself;
    // only a new resolved path, e.g. a re-pointed symlink, needs a restart.
    return { kind: 'file', realPath, identity: `file:${realPath}` };
  } catch (caught) {
    const err = caught as NodeJS.ErrnoException;
    const absent = err.code === 'ENOENT' || err.code === 'ENOTDIR';
    return {
      kind: 'missing',
      realPath: root,
      identity: `missing:${absent ? '' : (err.code ?? err.message)}`,
      error: absent ? undefined : err,
    };
  }
}
