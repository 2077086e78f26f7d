/**
 * The live request log: GET /__logs/stream read with fetch, so the admin token goes in the Authorization
 * header as on every other call (EventSource cannot send headers). Reconnects after a drop.
 */
import { call } from './api';
import { SseEvents } from './sse-events';

/**
 * Calls `onData` with each entry's JSON text (a caller that keeps only the newest parses only those), and
 * `onSkipped` with the number of entries a batched stream (`?every_ms=&keep=`) left out.
 */
export function followLog(onData: (json: string) => void, onState: (live: boolean) => void, query = '', onSkipped: (n: number) => void = () => {}): () => void {
  const stop = new AbortController();
  const run = async () => {
    while (!stop.signal.aborted) {
      try {
        const res = await call(`/__logs/stream${query}`, { signal: stop.signal });
        if (!res.ok || res.body === null) throw new Error(`HTTP ${res.status}`);
        onState(true);
        const events = new SseEvents();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const e of events.push(value)) {
            if (e.event === 'message') onData(e.data);
            else if (e.event === 'skipped') onSkipped((JSON.parse(e.data) as { skipped: number }).skipped);
          }
        }
      } catch {
        // aborted, or the server went away: try again shortly unless stopped
      }
      onState(false);
      if (!stop.signal.aborted) await new Promise((r) => setTimeout(r, 2000));
    }
  };
  void run();
  return () => stop.abort();
}
