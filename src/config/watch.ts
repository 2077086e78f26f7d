/** Watches the config folder (or single config file) and reports each burst of changes once: the trigger for hot reload. */
import * as path from 'path';
import { createPathBatch } from './watch-batch';
import { probeRoot, type RootState } from './watch-root';
import { startSession, type WatchSession } from './watch-session';

export interface WatchOptions {
  /** Set: poll every this many ms (for volumes that deliver no file events). Unset: native events. */
  pollMs?: number;
  /** Quiet period that closes a burst; default 100 ms, never below 60 ms (see MIN_DEBOUNCE_MS). */
  debounceMs?: number;
  /**
   * Paths that changed in this burst, relative to the root, `/`-separated, sorted. The root itself
   * (it appeared, vanished or was replaced) is `.` for a folder and its file name for a single file.
   */
  onChange: (paths: string[]) => void;
  /** Watch problems (e.g. the system's watch limit); without it they are dropped. */
  onError?: (err: Error) => void;
}

export interface ConfigWatcher {
  /** Stops watching; no onChange call happens once this has been called. */
  close(): Promise<void>;
}

const DEFAULT_DEBOUNCE_MS = 100;
/** chokidar drops repeats of a change for 50 ms; a shorter quiet period could reload before the last write. */
const MIN_DEBOUNCE_MS = 60;
/** A stream of changes still reloads at least this often (the 1 s promise holds during it). */
const MAX_WAIT_MS = 500;
/** How often the root itself is examined with native events: it may not exist yet, or be replaced. */
const ROOT_CHECK_MS = 250;

/** Resolves once the initial scan is done (at once if the root does not exist yet). */
export async function watchConfig(root: string, options: WatchOptions): Promise<ConfigWatcher> {
  const { pollMs } = options;
  if (pollMs !== undefined && !(Number.isFinite(pollMs) && pollMs >= 1)) {
    throw new RangeError(`poll interval must be a positive number of milliseconds, got ${pollMs}`);
  }
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  if (!(Number.isFinite(debounceMs) && debounceMs >= 0)) {
    throw new RangeError(`debounce must be zero or more milliseconds, got ${debounceMs}`);
  }
  const given = path.resolve(root);
  const reportError = (err: unknown): void => {
    options.onError?.(err instanceof Error ? err : new Error(String(err)));
  };
  const quietMs = Math.max(debounceMs, MIN_DEBOUNCE_MS);
  const batch = createPathBatch({ quietMs, maxWaitMs: Math.max(MAX_WAIT_MS, quietMs * 5) }, (paths) => {
    try {
      // A listener that returns a promise anyway must not leave a rejection unhandled.
      const result: unknown = options.onChange(paths);
      if (result instanceof Promise) result.catch(reportError);
    } catch (err) {
      reportError(err);
    }
  });

  let state: RootState | undefined;
  let session: WatchSession | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let rerun = false;

  const rootLabel = (...kinds: (string | undefined)[]): string =>
    kinds.includes('file') ? path.basename(given) : '.';

  const onPath = (absPath: string): void => {
    if (closed || !state) return;
    const rel = path.relative(state.realPath, absPath);
    const outside = rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
    if (rel === '' || outside) {
      // The root itself (or, for a deleted single file, chokidar watching its folder for its
      // return): it may have just been deleted or replaced, so look now, not at the next tick.
      batch.add(rootLabel(state.kind));
      void requestCheck();
      return;
    }
    batch.add(rel.split(path.sep).join('/'));
  };

  /** Starts, stops or restarts watching when the root appears, vanishes or is replaced. */
  const checkRoot = async (): Promise<void> => {
    const next = await probeRoot(given);
    if (closed || (state && next.identity === state.identity)) return;
    const previous = state;
    state = next;
    if (next.error) reportError(new Error(`cannot watch ${given}: ${next.error.message}`, { cause: next.error }));
    const old = session;
    session = undefined;
    await old?.close();
    if (next.kind !== 'missing') {
      const started = await startSession({ target: next.realPath, pollMs, onPath, onError: reportError });
      if (closed) return void (await started.close());
      session = started;
    }
    if (previous) batch.add(rootLabel(previous.kind, next.kind));
  };

  /** One check at a time; a request during a check runs one more after it. */
  const requestCheck = (): Promise<void> => {
    if (running) {
      rerun = true;
      return running;
    }
    running = (async () => {
      do {
        rerun = false;
        await checkRoot().catch(reportError);
      } while (rerun && !closed);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const scheduleCheck = (): void => {
    timer = setTimeout(() => {
      void requestCheck().then(() => {
        if (!closed) scheduleCheck();
      });
    }, pollMs ?? ROOT_CHECK_MS);
    // The watch itself keeps the process alive; a timer waiting for a missing root should not.
    timer.unref();
  };

  await requestCheck();
  scheduleCheck();

  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      batch.cancel();
      await running;
      const last = session;
      session = undefined;
      await last?.close();
    },
  };
}
