/** The one pending question for the admin token: every call that met a 401 waits on it, the dialog answers it. */
import { saveToken } from './api';

type Listener = (reason: string | null) => void;

let pending: { promise: Promise<void>; resolve: () => void } | null = null;
let reason: string | null = null;
const listeners = new Set<Listener>();

export function askForToken(why: string): Promise<void> {
  if (pending === null) {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    pending = { promise, resolve };
    reason = why;
    for (const l of listeners) l(reason);
  }
  return pending.promise;
}

export function answerToken(token: string): void {
  saveToken(token);
  const p = pending;
  pending = null;
  reason = null;
  for (const l of listeners) l(null);
  p?.resolve();
}

/** Calls `listener` with the question to show, or null when none is open; returns the unsubscribe. */
export function watchTokenPrompt(listener: Listener): () => void {
  listeners.add(listener);
  listener(reason);
  return () => listeners.delete(listener);
}
