/** Gathers the paths of a burst of file events into one delivery, so one save means one reload. */

export interface BatchTiming {
  /** Deliver once no new path has arrived for this long. */
  quietMs: number;
  /** Deliver at the latest this long after the first path of a burst, even if events keep coming. */
  maxWaitMs: number;
}

export interface PathBatch {
  add(path: string): void;
  /** Drops whatever is pending; nothing is delivered afterwards. */
  cancel(): void;
}

/**
 * A delivery forced by `maxWaitMs` is followed by one more once things go quiet, carrying the
 * same paths: chokidar drops repeats of a change for a moment, so the last write of a long
 * stream may never be reported, and only a reload after the stream ends is sure to read it.
 */
export function createPathBatch(timing: BatchTiming, deliver: (paths: string[]) => void): PathBatch {
  let pending = new Set<string>();
  let quietTimer: NodeJS.Timeout | undefined;
  let capTimer: NodeJS.Timeout | undefined;
  let cancelled = false;

  const clearTimers = (): void => {
    clearTimeout(quietTimer);
    clearTimeout(capTimer);
    quietTimer = capTimer = undefined;
  };

  const flush = (forced: boolean): void => {
    clearTimers();
    if (cancelled || pending.size === 0) return;
    const paths = [...pending].sort();
    if (forced) quietTimer = setTimeout(() => flush(false), timing.quietMs);
    else pending = new Set();
    deliver(paths);
  };

  return {
    add(path) {
      if (cancelled) return;
      pending.add(path);
      clearTimeout(quietTimer);
      quietTimer = setTimeout(() => flush(false), timing.quietMs);
      capTimer ??= setTimeout(() => flush(true), timing.maxWaitMs);
    },
    cancel() {
      cancelled = true;
      clearTimers();
      pending.clear();
    },
  };
}
