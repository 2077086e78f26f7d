import { Writable } from 'node:stream';
import { RequestLog } from '../../src/logs/request-log';
import { createMetrics } from '../../src/metrics/metrics';
import { createLogger } from '../../src/server/logger';
import { recordAttempts } from '../../src/webhooks/record-attempts';
import { WebhookService } from '../../src/webhooks/webhook-service';
import { ManualClock, plannerFor, requestData } from './support';

function lineSink() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('recording webhook attempts', () => {
  it('under a flood, drops the oldest waiting webhooks with one summed log line a second and a metric, keeping them out of /__logs', async () => {
    const clock = new ManualClock();
    const sent: string[] = [];
    const service = new WebhookService({
      capacity: 3,
      scheduler: clock,
      send: async (req) => {
        sent.push(String(req.body));
        return { status: 204 };
      },
    });
    const log = new RequestLog(100);
    const metrics = createMetrics({ defaultMetrics: false });
    const { lines, logger } = lineSink();
    recordAttempts(service, { log, metrics, logger, scheduler: clock });
    const planner = await plannerFor('- { path: /t, method: POST, name: trigger, webhooks: [{ url: "http://app/h", body: "{{body.n}}", delay_ms: 1000 }] }');

    for (let n = 1; n <= 10; n++) service.fire(planner, requestData({ body: { n } }), clock.now());
    expect(service.pending).toBe(3);
    await clock.advance(1000);
    expect(sent).toEqual(['8', '9', '10']);

    const text = await metrics.registry.metrics();
    expect(text).toContain('mockdock_webhooks_total{endpoint="trigger",result="dropped"} 7');
    expect(text).toContain('mockdock_webhooks_total{endpoint="trigger",result="success"} 3');
    expect(lines.map((l) => l.msg)).toEqual([
      'webhooks dropped: the queue was full, 1 oldest waiting webhook dropped',
      'webhooks dropped: the queue was full, 6 oldest waiting webhooks dropped',
    ]);
    expect(log.query({ direction: 'outgoing' }).map((e) => [e.body, e.status])).toEqual([['10', 204], ['9', 204], ['8', 204]]);
    await service.close(0);
  });

  it('writes a refused webhook to /__logs and warns on stdout, and counts it', async () => {
    const service = new WebhookService({ send: async () => ({ status: 204 }) });
    const log = new RequestLog(100);
    const metrics = createMetrics({ defaultMetrics: false });
    const { lines, logger } = lineSink();
    recordAttempts(service, { log, metrics, logger });
    const planner = await plannerFor('- { path: /t, name: trigger, webhooks: [{ url: "{{query.cb}}" }] }');
    service.fire(planner, requestData({ query: { cb: 'ftp://x/y' } }), Date.now(), { session: 'sess', hops: 0 });
    const [entry] = log.query({ direction: 'outgoing' }) as unknown as Array<Record<string, unknown>>;
    expect(entry).toMatchObject({ result: 'refused', status: 'refused', session: 'sess', target: 'ftp://x/y', error: 'url must use http or https (got ftp)' });
    expect(lines[0]).toMatchObject({ level: 40, msg: 'webhook refused: url must use http or https (got ftp)' });
    expect(await metrics.registry.metrics()).toContain('mockdock_webhooks_total{endpoint="trigger",result="refused"} 1');
    await service.close(0);
  });
});
