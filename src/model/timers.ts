/** Timers passed into long-lived scripts (WebSocket connections, event streams), so tests drive them with a fake clock. */

export type TimerHandle = unknown;

export interface Timers {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}
