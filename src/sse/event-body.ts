/**
 * An event schedule as a streaming answer body: an async iterable of event texts. Iterating it opens the
 * stream (registered for pushes); returning early (the client went away) stops its timers at once.
 */
import type { LiveRegistry } from '../streams/live-registry';
import type { Random } from '../model/clock';
import type { Timers } from '../model/timers';
import type { StreamContext } from '../streams/stream-context';
import type { EventSchedule } from './compile-events';
import { EventStream } from './event-stream';
import type { LiveStream, StreamInfo } from './live-stream';

export interface EventBodyOptions {
  ctx: StreamContext;
  random: Random;
  timers: Timers;
  registry: LiveRegistry<LiveStream>;
  /** Called once when the stream is over, whichever side ended it. */
  onEnd?: () => void;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

export function eventBody(schedule: EventSchedule, info: StreamInfo, options: EventBodyOptions): AsyncIterable<string> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<string> {
      const queue: string[] = [];
      let waiting: ((r: IteratorResult<string>) => void) | null = null;
      let over = false;
      let stream: EventStream | null = null;
      const deliver = (): void => {
        if (!waiting) return;
        const resolve = waiting;
        if (queue.length > 0) {
          waiting = null;
          resolve({ done: false, value: queue.shift()! });
        } else if (over) {
          waiting = null;
          resolve(DONE);
        }
      };
      const finish = (): void => {
        if (over) return;
        over = true;
        stream?.stop();
        options.registry.remove(live);
        options.onEnd?.();
        deliver();
      };
      const live: LiveStream = {
        ...info,
        since: options.timers.now(),
        push: (text) => stream !== null && stream.push(text),
        end: finish,
      };
      const open = (): void => {
        stream = new EventStream(schedule, { write: (text) => (queue.push(text), deliver()), end: finish }, options);
        options.registry.add(live);
        stream.start();
      };
      return {
        next: () => {
          if (stream === null && !over) open();
          return new Promise((resolve) => {
            waiting = resolve;
            deliver();
          });
        },
        return: () => {
          finish();
          return Promise.resolve(DONE);
        },
      };
    },
  };
}
