/**
 * The bounded queue of webhooks waiting to be sent: each waits for its time, at most `concurrency`
 * run at once, and when `capacity` are waiting a new one pushes out the oldest (reported, never
 * unbounded memory). Time comes from a Scheduler, so tests can drive it.
 */
import type { Scheduler } from './scheduler';

export type DropReason = 'overflow' | 'shutdown';

export interface QueueOptions<J> {
  /** Jobs waiting (not yet running) at most. */
  capacity: number;
  /** Jobs running at once at most. */
  concurrency: number;
  scheduler: Scheduler;
  /** Runs one job; the signal aborts when the shutdown bound is reached. Should not reject. */
  run(job: J, signal: AbortSignal): Promise<void>;
  onDrop(job: J, reason: DropReason): void;
}

interface Entry<J> {
  job: J;
  due: number;
  /** Lower is older: the order jobs were first added in (a retry keeps its job's). */
  age: number;
}

export class WebhookQueue<J> {
  /** Sorted by due time, then age: the head is the next to run. */
  private readonly waiting: Array<Entry<J>> = [];
  private readonly running = new Set<AbortController>();
  private nextAge = 0;
  private timer: { due: number; cancel: () => void } | null = null;
  private closing: { deadline: number; done: Promise<void>; resolve: () => void; cancelDeadline: () => void } | null = null;

  constructor(private readonly opts: QueueOptions<J>) {
    if (!(opts.capacity >= 1) || !(opts.concurrency >= 1)) throw new RangeError('capacity and concurrency must be at least 1');
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  get runningCount(): number {
    return this.running.size;
  }

  /**
   * Queues `job` to run `delayMs` from now; `age` is given again for a retry so it stays as old as
   * its first attempt. Returns the age used.
   */
  add(job: J, delayMs: number, age: number = this.nextAge++): number {
    const now = this.opts.scheduler.now();
    const due = now + Math.max(0, delayMs);
    if (this.closing && (due > this.closing.deadline || now >= this.closing.deadline)) {
      this.opts.onDrop(job, 'shutdown');
      this.settle();
      return age;
    }
    if (this.waiting.length >= this.opts.capacity) {
      const oldest = this.oldestIndex();
      if (this.waiting[oldest].age < age) {
        const [evicted] = this.waiting.splice(oldest, 1);
        this.opts.onDrop(evicted.job, 'overflow');
      } else {
        this.opts.onDrop(job, 'overflow');
        return age;
      }
    }
    this.insert({ job, due, age });
    this.pump();
    return age;
  }

  /**
   * Stops taking new work beyond `boundMs`: what falls due within it is still sent, the rest is
   * dropped now; at the bound, whatever still waits is dropped and sends in progress are aborted.
   */
  close(boundMs: number): Promise<void> {
    if (this.closing) return this.closing.done;
    const deadline = this.opts.scheduler.now() + Math.max(0, boundMs);
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const cancelDeadline = this.opts.scheduler.after(boundMs, () => this.expire());
    this.closing = { deadline, done, resolve, cancelDeadline };
    this.dropWhere((e) => e.due > deadline);
    this.settle();
    return done;
  }

  private expire(): void {
    this.dropWhere(() => true);
    for (const controller of this.running) controller.abort(new Error('mockdock is shutting down'));
    this.settle();
  }

  private dropWhere(test: (e: Entry<J>) => boolean): void {
    const dropped = this.waiting.filter(test);
    if (dropped.length === 0) return;
    const kept = this.waiting.filter((e) => !test(e));
    this.waiting.splice(0, this.waiting.length, ...kept);
    for (const e of dropped) this.opts.onDrop(e.job, 'shutdown');
    this.arm();
  }

  /** Resolves close() once nothing waits or runs. */
  private settle(): void {
    if (!this.closing || this.waiting.length > 0 || this.running.size > 0) return;
    this.timer?.cancel();
    this.timer = null;
    this.closing.cancelDeadline();
    this.closing.resolve();
  }

  private oldestIndex(): number {
    let best = 0;
    for (let i = 1; i < this.waiting.length; i++) if (this.waiting[i].age < this.waiting[best].age) best = i;
    return best;
  }

  private insert(entry: Entry<J>): void {
    // Binary search for the first entry that comes after this one.
    let lo = 0;
    let hi = this.waiting.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.waiting[mid];
      if (e.due < entry.due || (e.due === entry.due && e.age < entry.age)) lo = mid + 1;
      else hi = mid;
    }
    this.waiting.splice(lo, 0, entry);
  }

  private pump(): void {
    const now = this.opts.scheduler.now();
    while (this.running.size < this.opts.concurrency && this.waiting.length > 0 && this.waiting[0].due <= now) {
      this.start(this.waiting.shift() as Entry<J>);
    }
    this.arm();
  }

  /** One timer, for the head of the queue, while a slot is free to run it. */
  private arm(): void {
    const head = this.waiting[0];
    const wanted = head && this.running.size < this.opts.concurrency ? head.due : undefined;
    if (this.timer && this.timer.due === wanted) return;
    this.timer?.cancel();
    this.timer = null;
    if (wanted === undefined) return;
    const cancel = this.opts.scheduler.after(wanted - this.opts.scheduler.now(), () => {
      this.timer = null;
      this.pump();
    });
    this.timer = { due: wanted, cancel };
  }

  private start(entry: Entry<J>): void {
    const controller = new AbortController();
    this.running.add(controller);
    let ran: Promise<void>;
    try {
      ran = this.opts.run(entry.job, controller.signal);
    } catch (err) {
      ran = Promise.reject(err);
    }
    ran
      .catch(() => undefined)
      .then(() => {
        this.running.delete(controller);
        this.pump();
        this.settle();
      });
  }
}
