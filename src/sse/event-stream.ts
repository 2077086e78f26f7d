/** Plays an event schedule into one open stream: each event written as it comes due, pushes in between, stopped at once on disconnect. */
import type { Random } from '../model/clock';
import type { TimerHandle, Timers } from '../model/timers';
import type { StreamContext } from '../streams/stream-context';
import type { EventSchedule } from './compile-events';

/** The little a schedule needs of an open response; the HTTP adapter (or a test) provides it. */
export interface EventSink {
  write(text: string): void;
  /** Ends the response (the schedule is over). */
  end(): void;
}

export interface StreamOptions {
  ctx: StreamContext;
  random: Random;
  timers: Timers;
}

export class EventStream {
  private timer: TimerHandle | undefined;
  private done = false;
  private index = 0;
  private readonly ctx: StreamContext;
  private readonly random: Random;
  private readonly timers: Timers;

  constructor(
    private readonly schedule: EventSchedule,
    private readonly sink: EventSink,
    options: StreamOptions,
  ) {
    this.ctx = options.ctx;
    this.random = options.random;
    this.timers = options.timers;
  }

  get ended(): boolean {
    return this.done;
  }

  start(): void {
    this.next();
  }

  /** Writes an event now (from `POST /__sse/NAME/send`), between the scheduled ones. */
  push(text: string): boolean {
    if (this.done) return false;
    this.sink.write(text);
    return true;
  }

  /** The client went away (or the server stops): no more timers, no more writes. */
  stop(): void {
    this.done = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private next(): void {
    const { events, repeat, keepOpen } = this.schedule;
    if (this.done) return;
    if (this.index >= events.length) {
      if (repeat && events.length > 0) this.index = 0;
      else {
        if (!keepOpen) {
          this.stop();
          this.sink.end();
        }
        return;
      }
    }
    const event = events[this.index++];
    const write = (): void => {
      this.timer = undefined;
      if (this.done) return;
      this.sink.write(event.render(this.ctx, { now: this.timers.now(), random: this.random }));
      this.next();
    };
    if (event.delayMs > 0) this.timer = this.timers.setTimeout(write, event.delayMs);
    else write();
  }
}
