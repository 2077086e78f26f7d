/**
 * Sends planned webhooks through the bounded queue: one attempt at a time per webhook, retries on a
 * network error or a 5xx with exponential backoff, and every attempt, refusal and drop reported.
 */
import { type BackoffOptions, DEFAULT_BACKOFF, backoffDelay } from './backoff';
import { type Scheduler, realScheduler } from './scheduler';
import type { Send } from './send-webhook';
import type { PlannedWebhook, WebhookAttempt, WebhookResult } from './webhook-spec';
import { type DropReason, WebhookQueue } from './webhook-queue';

export interface DispatcherOptions {
  send: Send;
  /** Called once per attempt, refusal and drop: the request log and the metrics listen here. */
  report(attempt: WebhookAttempt): void;
  /** Webhooks waiting to be sent at most (default 1000); past it the oldest waiting one is dropped. */
  capacity?: number;
  /** Webhooks being sent at once at most (default 16). */
  concurrency?: number;
  backoff?: BackoffOptions;
  scheduler?: Scheduler;
}

interface Job {
  planned: PlannedWebhook;
  /** 1-based number of the attempt this job makes. */
  attempt: number;
  age: number;
}

const DROP_MESSAGES: Record<DropReason, string> = {
  overflow: 'webhook queue full: dropped the oldest waiting webhook',
  shutdown: 'mockdock stopped before it was sent',
};

export class WebhookDispatcher {
  private readonly queue: WebhookQueue<Job>;
  private readonly scheduler: Scheduler;
  private readonly backoff: BackoffOptions;
  private nextAge = 0;

  constructor(private readonly opts: DispatcherOptions) {
    this.scheduler = opts.scheduler ?? realScheduler;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.queue = new WebhookQueue<Job>({
      capacity: opts.capacity ?? 1000,
      concurrency: opts.concurrency ?? 16,
      scheduler: this.scheduler,
      run: (job, signal) => this.run(job, signal),
      onDrop: (job, reason) => this.reportOf(job, 'dropped', { error: DROP_MESSAGES[reason], dropReason: reason }),
    });
  }

  /** Webhooks waiting for their time or a free slot. */
  get waiting(): number {
    return this.queue.waitingCount;
  }

  /** Webhooks being sent now. */
  get sending(): number {
    return this.queue.runningCount;
  }

  /** Queues the webhooks of one answered request; returns at once. */
  enqueue(planned: readonly PlannedWebhook[]): void {
    for (const p of planned) {
      const job: Job = { planned: p, attempt: 1, age: this.nextAge++ };
      if (p.refused) this.reportOf(job, 'refused', { error: p.refused });
      else this.queue.add(job, p.delayMs, job.age);
    }
  }

  /** Sends what falls due within `boundMs`, drops (and reports) the rest; resolves when nothing is left. */
  close(boundMs: number): Promise<void> {
    return this.queue.close(boundMs);
  }

  private async run(job: Job, signal: AbortSignal): Promise<void> {
    const time = this.scheduler.now();
    const started = performance.now();
    const outcome = await this.opts.send(job.planned.request, signal);
    const took = { time, durationMs: performance.now() - started };
    if ('status' in outcome) {
      const ok = outcome.status < 400;
      this.reportOf(job, ok ? 'success' : 'http_error', { status: outcome.status }, took);
      if (outcome.status >= 500) this.retry(job);
    } else if (signal.aborted) {
      this.reportOf(job, 'dropped', { error: 'mockdock stopped before the receiver answered', dropReason: 'shutdown' }, took);
    } else {
      this.reportOf(job, 'network_error', { error: outcome.error }, took);
      this.retry(job);
    }
  }

  private retry(job: Job): void {
    if (job.attempt >= job.planned.attempts) return;
    const next: Job = { planned: job.planned, attempt: job.attempt + 1, age: job.age };
    this.queue.add(next, backoffDelay(next.attempt, this.backoff), job.age);
  }

  private reportOf(
    job: Job,
    result: WebhookResult,
    detail: { status?: number; error?: string; dropReason?: DropReason },
    took: { time: number; durationMs: number } = { time: this.scheduler.now(), durationMs: 0 },
  ): void {
    const { planned } = job;
    const { method, url, headers, body } = planned.request;
    const attempt: WebhookAttempt = {
      endpoint: planned.endpoint,
      index: planned.index,
      session: planned.session,
      method,
      url,
      headers,
      body,
      attempt: job.attempt,
      result,
      ...took,
      ...detail,
    };
    try {
      this.opts.report(attempt);
    } catch {
      // A failing listener must not stop the queue.
    }
  }
}
