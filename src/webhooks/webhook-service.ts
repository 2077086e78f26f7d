/** What a server holds for webhooks: the undici sender and the queue behind one `fire` and one `close`. */
import type { TemplateContext } from '../model/answer';
import type { BackoffOptions } from './backoff';
import type { Trigger, WebhookPlanner } from './compile-webhooks';
import { type Scheduler, realScheduler } from './scheduler';
import { type Send, type Sender, createSender } from './send-webhook';
import { WebhookDispatcher } from './webhook-dispatcher';
import type { WebhookAttempt } from './webhook-spec';

export interface WebhookServiceOptions {
  /** Webhooks waiting at most (default 1000); past it the oldest waiting one is dropped. */
  capacity?: number;
  /** Webhooks being sent at once at most (default 16). */
  concurrency?: number;
  /** Per attempt: the longest wait to connect, for the answer's headers, and between body chunks (default 10 s). */
  timeoutMs?: number;
  backoff?: BackoffOptions;
  scheduler?: Scheduler;
  /** Replaces the undici sender. */
  send?: Send;
}

/** The key the server keeps its WebhookService under (CompileServices.keep), where the behaviour finds it. */
export const WEBHOOKS_RESOURCE = 'webhooks';

/** What the webhooks behaviour hands its work to. */
export interface WebhookSink {
  fire(planner: WebhookPlanner, ctx: TemplateContext, now: number, trigger?: Trigger): void;
}

export type AttemptListener = (attempt: WebhookAttempt) => void;

export class WebhookService implements WebhookSink {
  private readonly sender: Sender | null;
  private readonly dispatcher: WebhookDispatcher;
  private readonly listeners: AttemptListener[] = [];
  private closed: Promise<void> | null = null;

  constructor(opts: WebhookServiceOptions = {}) {
    this.sender = opts.send ? null : createSender({ timeoutMs: opts.timeoutMs });
    this.dispatcher = new WebhookDispatcher({
      send: opts.send ?? (this.sender as Sender).send,
      report: (attempt) => {
        for (const listener of this.listeners) listener(attempt);
      },
      capacity: opts.capacity,
      concurrency: opts.concurrency,
      backoff: opts.backoff,
      scheduler: opts.scheduler ?? realScheduler,
    });
  }

  /** Every attempt, refusal and drop: the request log, the metrics and the process log listen here. */
  onAttempt(listener: AttemptListener): void {
    this.listeners.push(listener);
  }

  /** Webhooks waiting or being sent. */
  get pending(): number {
    return this.dispatcher.waiting + this.dispatcher.sending;
  }

  /**
   * Renders an answered request's webhooks and queues them; returns at once and never throws, so
   * the request that triggered them is never affected. Once closing, what cannot be sent within
   * the bound is dropped and reported.
   */
  fire(planner: WebhookPlanner, ctx: TemplateContext, now: number, trigger?: Trigger): void {
    try {
      this.dispatcher.enqueue(planner.plan(ctx, now, trigger));
    } catch {
      // Rendering guards its inputs; this only keeps a surprise away from the request path.
    }
  }

  /**
   * Sends what falls due within `boundMs`, drops and reports the rest, then closes the connections. The
   * first call sets the bound; later ones (the server's kept resources closing) wait for the same end.
   */
  close(boundMs = 0): Promise<void> {
    this.closed ??= (async () => {
      await this.dispatcher.close(boundMs);
      await this.sender?.close();
    })();
    return this.closed;
  }
}
