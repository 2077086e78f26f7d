/** Carries an event schedule out on an HTTP response: event-stream headers, events as they come due, pushes, and a stop on disconnect. */
import type { ServerResponse } from 'node:http';
import type { Random } from '../model/clock';
import type { Timers } from '../model/timers';
import type { Live, LiveRegistry } from '../streams/live-registry';
import type { StreamContext } from '../streams/stream-context';
import type { EventSchedule } from './compile-events';
import { EventStream } from './event-stream';

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

export interface OpenStreamOptions {
  status?: number;
  headers?: Record<string, string>;
  ctx: StreamContext;
  random: Random;
  timers: Timers;
  registry: LiveRegistry<LiveStream>;
  /** Called once when the stream is over, whichever side ended it. */
  onEnd?: () => void;
}

export const EVENT_STREAM_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  // Proxies such as nginx would otherwise hold events back in their buffers.
  'x-accel-buffering': 'no',
});

export function openEventStream(res: ServerResponse, schedule: EventSchedule, info: StreamInfo, options: OpenStreamOptions): LiveStream {
  res.writeHead(options.status ?? 200, { ...EVENT_STREAM_HEADERS, ...options.headers });
  res.flushHeaders();
  const { registry, onEnd } = options;
  let over = false;
  const finish = (): void => {
    if (over) return;
    over = true;
    stream.stop();
    registry.remove(live);
    onEnd?.();
  };
  const stream = new EventStream(schedule, { write: (text) => res.write(text), end: () => (res.end(), finish()) }, options);
  const live: LiveStream = {
    ...info,
    since: options.timers.now(),
    push: (text) => stream.push(text),
    end: () => {
      finish();
      res.end();
    },
  };
  registry.add(live);
  res.once('close', finish);
  stream.start();
  return live;
}
