import { Histogram, Registry } from 'prom-client';
import { createMetrics, NO_ENDPOINT } from '../../src/metrics/metrics';
import { DURATION_BUCKETS } from '../../src/metrics/request-tally';

/** The block of one metric family in a scrape, its lines sorted (label sets may come in another order). */
function family(text: string, name: string): string[] {
  const block = text.split('\n\n').find((b) => b.startsWith(`# HELP ${name} `));
  if (!block) throw new Error(`no ${name} in:\n${text}`);
  return block.trim().split('\n').sort();
}

/** What prom-client itself would export, to compare with: its own Histogram with the same name and buckets. */
function promClientHistogram() {
  const reference = new Registry();
  const histogram = new Histogram({
    name: 'mockdock_request_duration_seconds',
    help: 'Time from receiving a request to the end of its answer, including injected latency.',
    labelNames: ['method', 'endpoint'],
    buckets: [...DURATION_BUCKETS],
    registers: [reference],
  });
  return { reference, histogram };
}

describe('request metrics counted as plain numbers and exported on scrape', () => {
  const observations: Array<[string, string, number | string, number]> = [
    ['GET', 'users', 200, 0.0004],
    ['GET', 'users', 200, 0.005], // on a bound: counted in that bucket, as Prometheus wants
    ['POST', 'orders', 201, 0.03],
    ['GET', 'users', 404, 12], // above the top bound: only +Inf
    ['POST', 'users', 'reset', 0],
    ['GET', 'orders', 503, 0.26],
  ];

  it('writes the duration histogram exactly as a prom-client Histogram fed the same requests would', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const { reference, histogram } = promClientHistogram();
    for (const [method, endpoint, status, seconds] of observations) {
      metrics.tally.request(method, endpoint, status, seconds);
      histogram.observe({ method, endpoint }, seconds);
    }
    const ours = family(await metrics.registry.metrics(), 'mockdock_request_duration_seconds');
    expect(ours).toEqual(family(await reference.metrics(), 'mockdock_request_duration_seconds'));
    expect(ours).toContain('mockdock_request_duration_seconds_bucket{le="0.005",method="GET",endpoint="users"} 2');
    expect(ours).toContain('mockdock_request_duration_seconds_bucket{le="10",method="GET",endpoint="users"} 2');
    expect(ours).toContain('mockdock_request_duration_seconds_count{method="GET",endpoint="users"} 3');
  });

  it('stays the same as prom-client across many endpoints and methods (its bucket store grows as they come)', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const { reference, histogram } = promClientHistogram();
    for (let i = 0; i < 6000; i++) {
      const method = i % 3 === 0 ? 'POST' : 'GET';
      const endpoint = `e${(i * 7919) % 700}`;
      const seconds = ((i * 104729) % 20000) / 1000; // 0 … 20 s, every bucket
      metrics.tally.request(method, endpoint, 200, seconds);
      histogram.observe({ method, endpoint }, seconds);
    }
    const name = 'mockdock_request_duration_seconds';
    expect(family(await metrics.registry.metrics(), name)).toEqual(family(await reference.metrics(), name));
  });

  it('counts an endpoint once whether its requests come with its shared answer plan or by name only', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const plan = Object.freeze({ endpoint: 'users' });
    const reloaded = Object.freeze({ endpoint: 'users' }); // the plan a reload builds for the same endpoint
    metrics.tally.request('GET', 'users', 200, 0.001, plan);
    metrics.tally.request('GET', 'users', 200, 0.001);
    metrics.tally.request('GET', 'users', 200, 0.001, plan);
    metrics.tally.request('GET', 'users', 200, 0.001, reloaded);
    expect(await metrics.registry.metrics()).toContain('mockdock_requests_total{method="GET",endpoint="users",status="200"} 4');
  });

  it('counts requests, failures, rate limits and misses, and a second scrape does not count them twice', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    for (const [method, endpoint, status, seconds] of observations) metrics.tally.request(method, endpoint, status, seconds);
    metrics.tally.failure('orders', 'status');
    metrics.tally.failure('users', 'reset');
    metrics.tally.rateLimited('users');
    metrics.tally.rateLimited('users');
    metrics.tally.request('DELETE', NO_ENDPOINT, 404, 0.001);
    metrics.tally.unmatched('DELETE');

    await metrics.registry.metrics();
    const text = await metrics.registry.metrics();
    expect(family(text, 'mockdock_requests_total')).toEqual(
      [
        '# HELP mockdock_requests_total Requests answered, by method, endpoint name and status (or fault kind when no status was sent).',
        '# TYPE mockdock_requests_total counter',
        'mockdock_requests_total{method="GET",endpoint="users",status="200"} 2',
        'mockdock_requests_total{method="POST",endpoint="orders",status="201"} 1',
        'mockdock_requests_total{method="GET",endpoint="users",status="404"} 1',
        'mockdock_requests_total{method="POST",endpoint="users",status="reset"} 1',
        'mockdock_requests_total{method="GET",endpoint="orders",status="503"} 1',
        'mockdock_requests_total{method="DELETE",endpoint="",status="404"} 1',
      ].sort(),
    );
    expect(text).toContain('mockdock_failures_injected_total{endpoint="orders",kind="status"} 1');
    expect(text).toContain('mockdock_failures_injected_total{endpoint="users",kind="reset"} 1');
    expect(text).toContain('mockdock_rate_limited_total{endpoint="users"} 2');
    expect(text).toContain('mockdock_unmatched_requests_total{method="DELETE"} 1');
    // counts keep growing from where they were
    metrics.tally.request('GET', 'users', 200, 0.001);
    expect(await metrics.registry.metrics()).toContain('mockdock_requests_total{method="GET",endpoint="users",status="200"} 3');
  });
});
