/** Runs a compiled script on one live connection: greets, answers messages, pushes, closes and drops on schedule. */
import type { Random } from '../model/clock';
import type { TimerHandle, Timers } from '../model/timers';
import type { RenderEnv } from '../model/answer';
import type { RenderText } from '../streams/compile-text';
import { type ReceivedMessage, type StreamContext, receivedMessage, withMessage } from '../streams/stream-context';
import type { CloseAction, CompiledPush, CompiledScript } from './compiled-script';
import type { ConnectionPort } from './connection-port';
import { DropFault } from './drop-fault';

export interface SessionOptions {
  /** The upgrade request as templates see it. */
  ctx: StreamContext;
  /** The endpoint's seeded random source for faults and latency. */
  random: Random;
  /** The source templates draw from (`random_int`, `uuid`); default: `random`. */
  templateRandom?: Random;
  timers: Timers;
}

export class ConnectionSession {
  private readonly timers: Timers;
  private readonly random: Random;
  private readonly templateRandom: Random;
  private readonly ctx: StreamContext;
  private readonly pending = new Set<TimerHandle>();
  private readonly drop: DropFault;
  private done = false;

  constructor(
    private readonly script: CompiledScript,
    private readonly port: ConnectionPort,
    options: SessionOptions,
  ) {
    this.timers = options.timers;
    this.random = options.random;
    this.templateRandom = options.templateRandom ?? options.random;
    this.ctx = options.ctx;
    this.drop = new DropFault(script.drop, options.random);
  }

  /** True once the script has closed or dropped the connection, or stop() was called. */
  get ended(): boolean {
    return this.done;
  }

  /** Runs on_connect and arms the timers (`every`, `close`, `drop`). */
  start(): void {
    const { script } = this;
    this.drop.start(this.timers, () => this.terminate());
    let at = 0;
    for (const step of script.onConnect) {
      at += step.latency ? step.latency(this.random) : 0;
      this.sendAt(at, step.send, this.ctx);
    }
    for (const push of script.pushes) this.schedulePush(push, 1);
    const close = script.close;
    if (close) this.later(close.afterMs, () => this.close(close));
  }

  /** A message from the client. */
  receive(data: Buffer, binary: boolean): void {
    if (this.done) return;
    if (this.drop.onMessage()) return this.terminate();
    // Decoded only when a rule or a template reads it: an echo needs nothing but the bytes.
    let message: ReceivedMessage | undefined;
    const text = (): ReceivedMessage => (message ??= receivedMessage(data.toString('utf8')));
    const rule = this.script.rules.find((r) => r.when === null || r.when(text()));
    if (!rule) return;
    const delay = rule.latency ? rule.latency(this.random) : 0;
    const answer = (): void => {
      if (rule.echo) this.port.send(data, binary);
      if (rule.send.length > 0) this.sendNow(rule.send, withMessage(this.ctx, text()));
      if (rule.close) this.close(rule.close);
    };
    if (delay > 0) this.later(delay, answer);
    else answer();
  }

  /** The connection ended: cancel everything still scheduled. */
  stop(): void {
    this.done = true;
    for (const handle of this.pending) this.timers.clearTimeout(handle);
    this.pending.clear();
    this.drop.stop(this.timers);
  }

  private env(): RenderEnv {
    return { now: this.timers.now(), random: this.templateRandom };
  }

  private sendNow(messages: RenderText[], ctx: StreamContext): void {
    if (this.done || messages.length === 0) return;
    const env = this.env();
    for (const render of messages) this.port.send(render(ctx, env), false);
  }

  private sendAt(ms: number, messages: RenderText[], ctx: StreamContext): void {
    if (ms > 0) this.later(ms, () => this.sendNow(messages, ctx));
    else this.sendNow(messages, ctx);
  }

  private schedulePush(push: CompiledPush, n: number): void {
    const started = this.timers.now();
    // Due times are counted from the start, so a late timer does not push the rest later.
    const due = (k: number): number => Math.max(0, started + k * push.intervalMs - this.timers.now());
    const fire = (k: number): void => {
      this.sendNow(push.send, this.ctx);
      if (push.times === null || k < push.times) this.later(due(k + 1), () => fire(k + 1));
    };
    this.later(due(n), () => fire(n));
  }

  private later(ms: number, fn: () => void): void {
    if (this.done) return;
    const handle = this.timers.setTimeout(() => {
      this.pending.delete(handle);
      if (!this.done) fn();
    }, ms);
    this.pending.add(handle);
  }

  private close(action: CloseAction): void {
    if (this.done) return;
    this.stop();
    this.port.close(action.code, action.reason);
  }

  private terminate(): void {
    if (this.done) return;
    this.stop();
    this.port.terminate();
  }
}
