/** What a server holds for webhooks: the undici sender and the queue behind one `fire` and one `close`. */
import type { TemplateContext } from '../response/compile-response';
import type { BackoffOptions } from './backoff';
import type { WebhookPlanner } from './compile-webhooks';
import { type Scheduler, realScheduler } from './scheduler';
import { type Send, type Sender, createSender } from './send-webhook';
import { WebhookDispatcher } from './webhook-dispatcher';
import type { WebhookAttempt } from './webhook-spec';

export interface WebhookServiceOptions {
  /** Every attempt, refusal and drop: the request log, the metrics and the process log listen here. */
  onAttempt(attempt: WebhookAttempt): void;
  capacity?: number;
  concurrency?: number;
  timeoutMs?: number;
  backoff?: BackoffOptions;
  scheduler?: Scheduler;
  /** Replaces the undici sender (the tests use the real one). */
  send?: Send;
}

export class WebhookService {
  private readonly sender: Sender | null;
  private readonly dispatcher: WebhookDispatcher;
  private closed: Promise<void> | null = null;

  constructor(opts: WebhookServiceOptions) {
    this.sender = opts.send ? null : createSender({ timeoutMs: opts.timeoutMs });
    this.dispatcher = new WebhookDispatcher({
      send: opts.send ?? (this.sender as Sender).send,
      report: opts.onAttempt,
      capacity: opts.capacity,
      concurrency: opts.concurrency,
      backoff: opts.backoff,
      scheduler: opts.scheduler ?? realScheduler,
    });
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
  fire(planner: WebhookPlanner, ctx: TemplateContext, now: number): void {
    try {
      this.dispatcher.enqueue(planner.plan(ctx, now));
    } catch {
      // Rendering guards its inputs; this only keeps a surprise away from the request path.
    }
  }

  /** Sends what falls due within `boundMs`, drops and reports the rest, then closes the connections. */
  close(boundMs: number): Promise<void> {
    this.closed ??= (async () => {
      await this.dispatcher.close(boundMs);
      await this.sender?.close();
    })();
    return this.closed;
  }
}
