/**
 * Says "webhooks were dropped" on the log without flooding it: the first drop at once, then at most
 * one line per interval with how many more were dropped meanwhile.
 */
import type { Scheduler } from './scheduler';

export class DropNotice {
  private windowOpen = false;
  private since = 0;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly emit: (count: number) => void,
    private readonly intervalMs = 1_000,
  ) {}

  drop(): void {
    if (this.windowOpen) {
      this.since++;
      return;
    }
    this.emit(1);
    this.open();
  }

  private open(): void {
    this.windowOpen = true;
    this.scheduler.after(this.intervalMs, () => {
      this.windowOpen = false;
      if (this.since === 0) return;
      const count = this.since;
      this.since = 0;
      this.emit(count);
      this.open();
    });
  }
}
