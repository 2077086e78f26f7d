/**
 * Every PromQL expression of the Grafana dashboard, asked of a real Prometheus (Debian's `prometheus`) that
 * scrapes the built mockdock after known traffic: each must parse and return at least one series with a value.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { CLI, serveOnLoopback, type CliProcess } from '../e2e/cli-process';
import { freePort, until } from '../helpers/waits';

const DASHBOARD = path.join(__dirname, '../../src/monitoring/grafana-dashboard.json');
const FIXTURE = path.join(__dirname, '../fixtures/stats-traffic/api.yaml');

interface Query {
  where: string;
  expr: string;
}

/** Every expression of the dashboard, with Grafana's variables replaced as a viewer with "All" selected sees them. */
function dashboardQueries(): Query[] {
  const dash = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8'));
  const substitute = (expr: string) =>
    expr
      .replace(/\$__rate_interval|\$\{__rate_interval\}|\$__interval|\$\{__interval\}/g, '1m')
      .replace(/\$__range|\$\{__range\}/g, '5m')
      .replace(/\$\{endpoint(?::\w+)?\}|\$endpoint\b/g, '.*');
  const found: Query[] = [];
  for (const panel of dash.panels) {
    for (const t of panel.targets ?? []) found.push({ where: `panel "${panel.title}" (${t.refId})`, expr: substitute(t.expr) });
  }
  for (const v of dash.templating.list) {
    const text = typeof v.query === 'string' ? v.query : v.query?.query;
    if (v.type !== 'query' || !text) continue;
    // label_values(EXPR, label) lists the label's values of the series EXPR selects
    const m = /^label_values\((.+),\s*\w+\)$/.exec(text);
    found.push({ where: `variable "${v.name}"`, expr: substitute(m ? m[1] : text) });
  }
  return found;
}

describe('the Grafana dashboard against a real Prometheus', () => {
  let tmp: string;
  let upstream: http.Server;
  let mock: CliProcess & { url: string };
  let prometheus: ChildProcess;
  let promUrl: string;

  const query = async (expr: string) => {
    const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
    return (await res.json()) as { status: string; error?: string; data?: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  };

  async function sendTraffic(): Promise<void> {
    const get = (p: string, headers: Record<string, string> = {}) => fetch(mock.url + p, { headers }).then((r) => r.arrayBuffer());
    for (let i = 0; i < 5; i++) await get('/ok');
    for (const p of ['/broken', '/flaky', '/limited', '/limited', '/guarded', '/up/hello', '/nowhere']) await get(p);
    await get('/guarded', { 'x-api-key': 'k-1' });
  }

  beforeAll(async () => {
    if (spawnSync('prometheus', ['--version']).error) throw new Error('prometheus is not installed: apt-get install prometheus (.ci/run does)');
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-grafana-'));
    upstream = http.createServer((_req, res) => res.end('{"from":"upstream"}')).listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    const config = path.join(tmp, 'config');
    fs.mkdirSync(config);
    fs.copyFileSync(FIXTURE, path.join(config, 'api.yaml'));
    const { port } = upstream.address() as net.AddressInfo;
    fs.writeFileSync(path.join(config, 'proxied.yaml'), `- name: proxied\n  path: /up/*\n  proxy: http://127.0.0.1:${port}\n`);
    mock = await serveOnLoopback(['--config', config, '--no-watch']);

    const promPort = await freePort();
    promUrl = `http://127.0.0.1:${promPort}`;
    const target = new URL(mock.url).host;
    fs.writeFileSync(
      path.join(tmp, 'prometheus.yml'),
      `global: {scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s}\nscrape_configs:\n  - job_name: mockdock\n    static_configs: [{targets: ["${target}"]}]\n`,
    );
    prometheus = spawn('prometheus', [
      `--config.file=${path.join(tmp, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(tmp, 'data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ], { stdio: 'ignore' });
    await until('Prometheus to be ready', async () => ((await fetch(`${promUrl}/-/ready`)).ok ? true : undefined), 20_000);

    // one scrape before the traffic and one after each batch, so every rate has two samples to work with
    await until('mockdock to be up in Prometheus', async () => ((await query('up{job="mockdock"} == 1')).data?.result.length ? true : undefined), 20_000);
    await sendTraffic();
    await until('a scrape of the first batch', async () => ((await query('mockdock_requests_total{endpoint="ok"} == 5')).data?.result.length ? true : undefined), 20_000);
    await sendTraffic();
    await until('a scrape of the second batch', async () => ((await query('mockdock_requests_total{endpoint="ok"} == 10')).data?.result.length ? true : undefined), 20_000);
  }, 90_000);

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      prometheus.kill('SIGTERM');
      await once(prometheus, 'exit');
    }
    await mock?.stop();
    upstream?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('finds the panels the dashboard promises, each with a query', () => {
    const titles = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')).panels.filter((p: { type: string }) => p.type !== 'row').map((p: { title: string }) => p.title);
    for (const t of ['Requests per second by endpoint', 'Latency p50 / p95 / p99 by endpoint', 'Error rate by endpoint', 'Injected failures per second', 'Rate-limit rejections per second', 'Auth rejections per second', 'Proxied requests per second by status', 'Upstream answer time p50 / p95']) {
      expect(titles).toContain(t);
    }
    expect(dashboardQueries().length).toBeGreaterThanOrEqual(titles.length);
  });

  it('gets at least one series with a value from every PromQL expression of the dashboard', async () => {
    const problems: string[] = [];
    for (const q of dashboardQueries()) {
      const answer = await query(q.expr);
      if (answer.status !== 'success') problems.push(`${q.where}: Prometheus refused ${q.expr}: ${answer.error}`);
      else if (!answer.data!.result.some((s) => Number.isFinite(Number(s.value[1])))) problems.push(`${q.where}: no series with a value for ${q.expr}`);
    }
    expect(problems).toEqual([]);
  });

  it('shows the known traffic on the panels: 5xx share of "broken", failures of "flaky", 429s of "limited", refusals of "guarded"', async () => {
    const panel = async (title: string) => {
      const q = dashboardQueries().find((x) => x.where.startsWith(`panel "${title}"`))!;
      const sums: Record<string, number> = {};
      for (const s of (await query(q.expr)).data!.result) sums[s.metric.endpoint] = (sums[s.metric.endpoint] ?? 0) + Number(s.value[1]);
      return sums;
    };
    // every endpoint with traffic is on the error-rate panel, 0 where it had no error
    expect(await panel('Error rate by endpoint')).toMatchObject({ broken: 1, flaky: 1, ok: 0, limited: 0, guarded: 0, proxied: 0 });
    expect(Object.keys(await panel('Injected failures per second'))).toEqual(['flaky']);
    expect(Object.keys(await panel('Rate-limit rejections per second'))).toEqual(['limited']);
    expect(Object.keys(await panel('Auth rejections per second'))).toEqual(['guarded']);
    expect(Object.keys(await panel('Proxied requests per second by status'))).toEqual(['proxied']);
    expect(Object.keys(await panel('Requests per second by endpoint')).sort()).toEqual(['(unmatched)', 'broken', 'flaky', 'guarded', 'limited', 'ok', 'proxied']);
  });
});
