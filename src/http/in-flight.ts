/** Tracks what a graceful shutdown must wait for (requests in progress) or end (held sockets, dribbling bodies). */

/** A socket, or an HTTP/2 stream (a `timeout` over HTTP/2 holds the stream, not the shared connection). */
export interface Holdable {
  destroy(): void;
  once(event: 'close', listener: () => void): unknown;
}

export class InFlight {
  private active = 0;
  private readonly held = new Set<Holdable>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private idleWaiters: Array<() => void> = [];
  draining = false;

  get count(): number {
    return this.active;
  }

  begin(): void {
    this.active++;
  }

  end(): void {
    this.active--;
    if (this.active === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Resolves once no request is in progress. */
  idle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** A socket held open on purpose (the `timeout` fault): destroyed at shutdown, not waited for. */
  hold(socket: Holdable): void {
    this.held.add(socket);
    socket.once('close', () => this.held.delete(socket));
  }

  timer(fn: () => void, ms: number): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timer(resolve, ms));
  }

  /** Ends what would never finish by itself. */
  releaseHeld(): void {
    for (const s of this.held) s.destroy();
    this.held.clear();
  }

  /** Force stop: cancel timers too (sleeping requests are then cut off with their sockets). */
  cancelTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
