/** Shutdown of open connections: a close frame with 1001 to each, event streams ended, and a cut for whoever has not closed in time. */
import type { StreamHub } from './stream-hub';

export function closeStreams(hub: StreamHub, timeoutMs: number): Promise<void> {
  hub.closeAll(1001, 'server shutting down');
  if (hub.connections.size === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      stop();
      resolve();
    };
    const timer = setTimeout(() => {
      hub.terminateAll();
      done();
    }, timeoutMs);
    const stop = hub.listen({
      opened: () => undefined,
      message: () => undefined,
      closed: () => {
        if (hub.connections.size === 0) done();
      },
    });
  });
}
