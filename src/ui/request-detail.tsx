/** One logged request opened: what came in, what went out, timing and failure, and for a 404 the closest endpoints. */
import type { LogEntry } from '../model/log-entry';

interface NearMiss {
  name: string;
  method: string;
  path: string;
  reasons: string[];
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function nearMisses(entry: LogEntry): NearMiss[] | null {
  if (entry.endpoint !== null || entry.status !== 404) return null;
  const body = entry.response?.body as { closest?: NearMiss[] } | undefined;
  return Array.isArray(body?.closest) ? body.closest : null;
}

export function RequestDetail({ entry }: { entry: LogEntry }) {
  const misses = nearMisses(entry);
  return (
    <section class="detail" aria-labelledby="request-detail-title">
      <h2 id="request-detail-title">{entry.method} {entry.path}</h2>
      <dl class="facts">
        <dt>Status</dt><dd>{entry.status}</dd>
        <dt>Endpoint</dt><dd>{entry.endpoint ?? 'none matched'}</dd>
        <dt>Time</dt><dd>{entry.time}</dd>
        <dt>Duration</dt><dd>{entry.duration_ms} ms (latency added: {entry.latency_ms} ms)</dd>
        <dt>Failure</dt><dd>{entry.failure ?? 'none'}</dd>
        {entry.session !== null && (<><dt>Session</dt><dd>{entry.session}</dd></>)}
      </dl>
      {misses && (
        <section aria-labelledby="near-title">
          <h3 id="near-title">Closest endpoints</h3>
          {misses.length === 0 ? <p>There are no endpoints.</p> : (
            <ol class="near-misses">
              {misses.map((m) => (
                <li key={m.name}>
                  <a href={`#/endpoints/${encodeURIComponent(m.name)}`}>{m.name}</a> <code>{m.method} {m.path}</code>
                  <ul>{m.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
      <h3>Request</h3>
      <pre tabIndex={0} aria-label="Request query and headers">{show({ query: entry.query, headers: entry.headers })}</pre>
      <pre tabIndex={0} aria-label="Request body">{show(entry.body)}</pre>
      <h3>Response</h3>
      {entry.response === null ? <p>No answer was sent ({String(entry.status)}).</p> : (
        <>
          <pre tabIndex={0} aria-label="Response headers">{show(entry.response.headers)}</pre>
          <pre tabIndex={0} aria-label="Response body">{show(entry.response.body)}</pre>
        </>
      )}
    </section>
  );
}
