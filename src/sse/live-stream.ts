/** An open event stream as the rest of mockdock sees it: listed per endpoint, reachable by pushes, ended on shutdown. */
import type { Live } from '../streams/live-registry';

export interface LiveStream extends Live {
  readonly path: string;
  readonly since: number;
  /** Writes a formatted event now; false when the stream has ended. */
  push(text: string): boolean;
  /** Ends the stream (server shutdown). */
  end(): void;
}

export interface StreamInfo {
  id: string;
  endpoint: string;
  path: string;
  session: string | null;
}

export const EVENT_STREAM_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  // Proxies such as nginx would otherwise hold events back in their buffers.
  'x-accel-buffering': 'no',
});
