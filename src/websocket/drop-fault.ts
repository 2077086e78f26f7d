/** The `drop` fault on a live connection: abrupt ends by time, by message count, or by chance per message. */
import type { Random } from '../model/clock';
import type { TimerHandle, Timers } from '../model/timers';
import type { CompiledDrop } from './compiled-script';

export class DropFault {
  private received = 0;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly spec: CompiledDrop | null,
    private readonly random: Random,
  ) {}

  /** Arms the timed drop, if any. */
  start(timers: Timers, drop: () => void): void {
    if (this.spec?.afterMs != null) this.timer = timers.setTimeout(drop, this.spec.afterMs);
  }

  /** Counts one received message; true when the connection must drop instead of handling it. */
  onMessage(): boolean {
    const spec = this.spec;
    if (!spec) return false;
    this.received++;
    if (spec.afterMessages !== null && this.received >= spec.afterMessages) return true;
    return spec.rate > 0 && this.random() < spec.rate;
  }

  stop(timers: Timers): void {
    if (this.timer !== undefined) timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
