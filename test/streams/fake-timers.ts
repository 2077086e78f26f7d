/** A fake clock implementing the Timers port: time moves only when a test advances it. */
import type { Timers } from '../../src/model/timers';

interface Entry {
  id: number;
  due: number;
  fn: () => void;
}

export class FakeTimers implements Timers {
  private time: number;
  private nextId = 1;
  private entries: Entry[] = [];

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): number {
    const entry = { id: this.nextId++, due: this.time + Math.max(0, ms), fn };
    this.entries.push(entry);
    return entry.id;
  }

  clearTimeout(handle: unknown): void {
    this.entries = this.entries.filter((e) => e.id !== handle);
  }

  /** Timers still waiting. */
  get pending(): number {
    return this.entries.length;
  }

  /** Moves time forward, firing every timer that comes due, in due order (ties in the order set). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.entries.filter((e) => e.due <= end).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) break;
      this.entries = this.entries.filter((e) => e !== next);
      this.time = next.due;
      next.fn();
    }
    this.time = end;
  }
}
