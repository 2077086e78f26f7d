/** Dashboard: per endpoint req/s, p50/p95/p99, error and injected-failure rates over the last 15 minutes, polled every 2 s. */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, json } from './api';
import { Chart } from './chart';
import { busiest, figures, latencyChart, mergeStats, ratesChart, RECENT_S, rpsChart, WINDOW_S, type Stats } from './stats-data';

const POLL_MS = 2000;

const ms = (v: number | null) => (v === null ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(0));
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);

export function DashboardPage() {
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);

  useEffect(() => {
    let timer = 0;
    let stopped = false;
    let kept: Stats | null = null;
    let keptAt = 0;
    const poll = async () => {
      // a tab in the background asks for nothing
      if (document.hidden) {
        if (!stopped) timer = window.setTimeout(poll, POLL_MS);
        return;
      }
      try {
        // the whole window once (or after a gap), then only the last seconds, merged in
        const whole = kept === null || Date.now() - keptAt > (RECENT_S - 2) * 1000;
        const got = await json<Stats>(`/__stats?window_s=${whole ? WINDOW_S : RECENT_S}`);
        kept = whole ? got : mergeStats(kept, got, WINDOW_S);
        keptAt = Date.now();
        setStats(kept);
        setError(null);
      } catch (e) {
        setError(e instanceof ApiError && e.status === 404 ? 'This server has no /__stats route (an older mockdock): the dashboard needs it.' : (e as Error).message);
      }
      if (!stopped) timer = window.setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  const rows = stats ? figures(stats) : [];
  const name = picked ?? (stats ? busiest(stats) : null);
  const detail = stats?.endpoints.find((e) => e.name === name) ?? null;

  return (
    <section aria-labelledby="dashboard-title">
      <div class="toolbar">
        <h1 id="dashboard-title">Dashboard</h1>
        <span class="hint">Last 15 minutes, updated every {POLL_MS / 1000} s; figures in the table over the last minute.</span>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      {stats && stats.endpoints.length === 0 && <p>No endpoints yet.</p>}
      {stats && stats.endpoints.length > 0 && (
        <>
          <div class="scroll">
            <table class="figures">
              <caption>Per endpoint, last minute</caption>
              <thead>
                <tr>
                  <th scope="col">Endpoint</th><th scope="col">req/s</th><th scope="col">p50 ms</th><th scope="col">p95 ms</th>
                  <th scope="col">p99 ms</th><th scope="col">errors</th><th scope="col">injected failures</th><th scope="col">requests (15 min)</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.name} aria-selected={r.name === name}>
                    <th scope="row"><button type="button" class="link" aria-pressed={r.name === name} onClick={() => setPicked(r.name)}>{r.name}</button></th>
                    <td>{r.rps.toFixed(2)}</td><td>{ms(r.p50)}</td><td>{ms(r.p95)}</td><td>{ms(r.p99)}</td>
                    <td>{pct(r.errorRate)}</td><td>{pct(r.failureRate)}</td><td>{r.requests}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="charts">
            <Chart title="Requests per second, every endpoint" unit="req/s" {...rpsChart(stats)} />
            {detail && <Chart title={`Latency of ${detail.name}`} unit="ms" {...latencyChart(detail)} />}
            {detail && <Chart title={`Errors and injected failures of ${detail.name}`} unit="%" {...ratesChart(detail)} />}
          </div>
        </>
      )}
    </section>
  );
}
