import { WebhookQueue, type DropReason } from '../../src/webhooks/webhook-queue';
import { ManualClock, settle } from './support';

/** A queue whose jobs are names; each run waits until the test finishes it. */
function harness(opts: { capacity?: number; concurrency?: number } = {}) {
  const clock = new ManualClock();
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const signals = new Map<string, AbortSignal>();
  const dropped: Array<[string, DropReason]> = [];
  const queue = new WebhookQueue<string>({
    capacity: opts.capacity ?? 100,
    concurrency: opts.concurrency ?? 100,
    scheduler: clock,
    run: (job, signal) => {
      started.push(job);
      signals.set(job, signal);
      return new Promise<void>((resolve) => {
        finishers.set(job, resolve);
        signal.addEventListener('abort', () => resolve());
      });
    },
    onDrop: (job, reason) => dropped.push([job, reason]),
  });
  const finish = async (job: string) => {
    finishers.get(job)?.();
    await settle();
  };
  return { clock, queue, started, dropped, signals, finish };
}

describe('the webhook queue', () => {
  it('starts each job when its delay is over, earliest first, ties in the order they were added', async () => {
    const { clock, queue, started } = harness();
    queue.add('c', 300);
    queue.add('a', 100);
    queue.add('b1', 200);
    queue.add('b2', 200);
    queue.add('now', 0);
    expect(started).toEqual(['now']);
    await clock.advance(99);
    expect(started).toEqual(['now']);
    await clock.advance(1);
    expect(started).toEqual(['now', 'a']);
    await clock.advance(200);
    expect(started).toEqual(['now', 'a', 'b1', 'b2', 'c']);
    expect(queue.waitingCount).toBe(0);
  });

  it('runs at most `concurrency` jobs at once and starts the next as one finishes', async () => {
    const { queue, started, finish } = harness({ concurrency: 2 });
    for (const job of ['1', '2', '3', '4']) queue.add(job, 0);
    expect(started).toEqual(['1', '2']);
    expect(queue.runningCount).toBe(2);
    await finish('2');
    expect(started).toEqual(['1', '2', '3']);
    await finish('1');
    await finish('3');
    expect(started).toEqual(['1', '2', '3', '4']);
  });

  it('when full, drops the oldest waiting job for a new one and reports it, so a flood never grows memory', async () => {
    const { clock, queue, dropped, started } = harness({ capacity: 3 });
    let most = 0;
    for (let i = 0; i < 10_000; i++) {
      queue.add(`job${i}`, 1000);
      most = Math.max(most, queue.waitingCount);
    }
    expect(most).toBe(3);
    expect(dropped).toHaveLength(9_997);
    expect(dropped.slice(0, 2)).toEqual([['job0', 'overflow'], ['job1', 'overflow']]);
    await clock.advance(1000);
    expect(started).toEqual(['job9997', 'job9998', 'job9999']);
  });

  it('drops a retry older than every waiting job rather than a newer job, when full', () => {
    const { queue, dropped } = harness({ capacity: 2 });
    const age = queue.add('first', 500);
    queue.add('second', 500);
    queue.add('third', 500); // pushes out "first"
    queue.add('first-retry', 100, age);
    expect(dropped).toEqual([['first', 'overflow'], ['first-retry', 'overflow']]);
  });

  it('on close, runs what falls due within the bound, drops the rest at once, and aborts what still runs at the bound', async () => {
    const { clock, queue, started, dropped, signals, finish } = harness();
    queue.add('soon', 100);
    queue.add('late', 5_000);
    queue.add('running', 0);
    let closed = false;
    const done = queue.close(1_000).then(() => (closed = true));
    expect(dropped).toEqual([['late', 'shutdown']]);
    queue.add('after-close', 2_000);
    expect(dropped).toEqual([['late', 'shutdown'], ['after-close', 'shutdown']]);
    await clock.advance(100);
    expect(started).toEqual(['running', 'soon']);
    await finish('soon');
    expect(closed).toBe(false);
    await clock.advance(900);
    expect(signals.get('running')?.aborted).toBe(true);
    await done;
    expect(closed).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('closes at once when nothing waits or runs', async () => {
    const { clock, queue } = harness();
    await queue.close(10_000);
    expect(clock.pendingTimers).toBe(0);
  });
});
