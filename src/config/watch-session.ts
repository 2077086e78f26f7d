/** One chokidar watch over an existing config root, with each option chosen for Docker volumes and ConfigMaps. */
import * as path from 'path';
import { watch, type ChokidarOptions } from 'chokidar';
import { isWatchNoise } from './watch-noise';

export interface SessionOptions {
  /** Absolute, symlink-free path of the folder or file to watch. */
  target: string;
  /** Poll every this many ms instead of using native file events. */
  pollMs?: number;
  /** An absolute path that was added, changed or removed. */
  onPath: (absPath: string) => void;
  onError: (err: Error) => void;
}

export interface WatchSession {
  close(): Promise<void>;
}

/** Resolves once chokidar has scanned the target; from then on every change reaches onPath. */
export async function startSession(options: SessionOptions): Promise<WatchSession> {
  const { target, pollMs } = options;
  const polling = pollMs !== undefined;
  const chokidarOptions: ChokidarOptions = {
    // The server has already loaded what is there: only what changes afterwards is news.
    ignoreInitial: true,
    // Watch symlinks as links, not as what they point to. A ConfigMap update swaps the `..data`
    // link; watched as links, the swap is reported as a change of `..data` and of each top-level
    // link through it, and no watch is left on the old, deleted target folder. Targets inside
    // the root are watched anyway as the ordinary files they are; targets outside it are not
    // (mockdock reads nothing from outside its folder).
    followSymlinks: false,
    // `atomic` turns unlink+add into one change and holds every unlink back 100 ms. Which kind
    // of event it was does not matter here (any event means reload) and batching already merges
    // the pair; editor noise is filtered explicitly below.
    atomic: false,
    // awaitWriteFinish waits until a file's size has been stable for 2 s by default, which
    // alone breaks the 1 s promise. Editors and the kubelet replace files atomically; a half
    // written file from a slow copy fails to load, the last good config stays, and the final
    // write's event brings a reload that reads it whole.
    awaitWriteFinish: false,
    usePolling: polling,
    // chokidar polls names it deems binary (.png, .pdf …) on a slower, separate interval; body
    // files are re-read on reload too, so everything gets the one interval the user asked for.
    ...(polling ? { interval: pollMs, binaryInterval: pollMs } : {}),
    // chokidar judges readability by the owner's read bit alone, which is wrong for a container
    // user reading root-owned ConfigMap files. Watch everything; the loader reports what it
    // cannot read.
    ignorePermissionErrors: true,
    ignored: (candidate: string) => isInside(target, candidate) && isWatchNoise(path.basename(candidate)),
    persistent: true,
  };

  const watcher = watch(target, chokidarOptions);
  // chokidar reports links found by its initial scan as "add" even with ignoreInitial: nothing
  // before ready is news.
  let live = false;
  watcher.on('all', (_event, changed) => {
    if (live) options.onPath(path.resolve(changed));
  });
  watcher.on('error', (err) => options.onError(explainWatchError(err as Error)));
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  // fs.watchFile takes its first stat to compare against only after chokidar is ready; a write
  // in between would be taken for the starting state and go unreported.
  if (pollMs !== undefined) await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, 100)));
  live = true;
  return { close: () => watcher.close() };
}

/** Adds what to do next to the errors a user can act on. */
export function explainWatchError(err: Error): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') {
    return new Error(
      `cannot watch more files: the system's limit on file watches is reached (${err.message}); ` +
        'raise fs.inotify.max_user_watches on the host, or use --poll MS (MOCKDOCK_POLL_MS)',
      { cause: err },
    );
  }
  if (code === 'EMFILE') {
    return new Error(
      `cannot watch more files: too many open files (${err.message}); ` +
        'raise the open-file limit (ulimit -n), or use --poll MS (MOCKDOCK_POLL_MS)',
      { cause: err },
    );
  }
  return err;
}

/** Strictly below root; `..data` is inside, `../x` is not. */
function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
