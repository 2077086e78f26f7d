/** Requests: the live request log (filtered), and one request opened: request, response, timing, failure, endpoint, near misses. */
import { useEffect, useState } from 'preact/hooks';
import type { LogEntry } from '../model/log-entry';
import { json } from './api';
import { followLog } from './live-log';
import { RequestDetail } from './request-detail';

const KEEP = 500;
/** Rows drawn: the newest that pass the filters. */
const SHOW = 50;
/**
 * Under load the server sends at most one batch a second (a lone request at once), with only the newest SHOW
 * of a busy second: a table redrawn more often than that cannot be read, and would cost the browser and the
 * server CPU the measured traffic needs.
 */
const EVERY_MS = 1000;

export function RequestsPage({ selected }: { selected: string | null }) {
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [live, setLive] = useState(false);
  /** Entries the server left out of busy intervals (the log itself still has them: GET /__logs). */
  const [skipped, setSkipped] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [method, setMethod] = useState('');
  const [status, setStatus] = useState('');
  const [text, setText] = useState('');

  useEffect(() => {
    let stopped = false;
    let stop = () => {};
    // the log so far, then everything after it as it is recorded (an entry seen twice is kept once)
    json<LogEntry[]>(`/__logs?limit=${SHOW}`).then(
      (first) => {
        if (stopped) return;
        setEntries(first);
        // a batch's entries arrive together: they are parsed and drawn once, on the next frame (none while
        // the tab is hidden; what piles up meanwhile is cut to the newest KEEP)
        let pending: string[] = [];
        let skippedNow = 0;
        let frame = 0;
        const flush = () => {
          frame = 0;
          const batch = pending.slice(-KEEP).map((text) => JSON.parse(text) as LogEntry).reverse();
          pending = [];
          // the count of what the server left out is drawn with the rows, in the same render
          if (skippedNow > 0) {
            const n = skippedNow;
            skippedNow = 0;
            setSkipped((k) => k + n);
          }
          setEntries((list) => {
            const seen = new Set(list.map((x) => x.id));
            return [...batch.filter((e) => !seen.has(e.id)), ...list].slice(0, KEEP);
          });
        };
        const unfollow = followLog((text) => {
          pending.push(text);
          if (pending.length > 2 * KEEP) pending = pending.slice(-KEEP);
          if (frame === 0) frame = requestAnimationFrame(flush);
        }, setLive, `?every_ms=${EVERY_MS}&keep=${SHOW}`, (n) => {
          skippedNow += n;
          if (frame === 0) frame = requestAnimationFrame(flush);
        });
        stop = () => {
          unfollow();
          cancelAnimationFrame(frame);
        };
      },
      (e: Error) => setError(e.message),
    );
    return () => {
      stopped = true;
      stop();
    };
  }, []);

  const q = text.trim().toLowerCase();
  const shown = entries.filter(
    (e) =>
      (!method || e.method === method) &&
      (!status || String(e.status).startsWith(status.trim())) &&
      (!q || `${e.path} ${e.endpoint ?? ''}`.toLowerCase().includes(q)),
  );
  const chosen = selected === null ? null : entries.find((e) => String(e.id) === selected) ?? null;

  return (
    <section aria-labelledby="requests-title">
      <div class="toolbar">
        <h1 id="requests-title">Requests</h1>
        <span class={live ? 'badge live' : 'badge'} role="status">{live ? 'Live' : 'Connecting…'}</span>
        <button type="button" onClick={() => (setEntries([]), setSkipped(0))}>Clear view</button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Method
          <select value={method} onChange={(e) => setMethod(e.currentTarget.value)}>
            <option value="">any</option>
            {['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].map((m) => <option key={m}>{m}</option>)}
          </select>
        </label>
        <label>
          Status starts with <input size={5} value={status} onInput={(e) => setStatus(e.currentTarget.value)} placeholder="4" />
        </label>
        <label>
          Path or endpoint <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
      </form>
      <div class="split">
        <div class="scroll">
          <table class="log-table">
            <caption>{`${shown.length} of ${entries.length} requests, newest first${shown.length > SHOW ? ` (the newest ${SHOW} shown)` : ''}${skipped > 0 ? `; ${skipped} more came too fast to show` : ''}`}</caption>
            <colgroup><col class="time" /><col /><col class="status" /><col /><col class="ms" /></colgroup>
            <thead>
              <tr><th scope="col">Time</th><th scope="col">Request</th><th scope="col">Status</th><th scope="col">Endpoint</th><th scope="col">ms</th></tr>
            </thead>
            <tbody>
              {/* rows keyed by place: under load every row changes each second, and rewriting the text of the
                  rows there are is far cheaper for the browser than removing them all and making new ones */}
              {shown.slice(0, SHOW).map((e, i) => (
                <tr key={i} aria-selected={String(e.id) === selected} class={typeof e.status === 'number' && e.status < 400 ? '' : 'bad'}>
                  <td>{e.time.slice(11, 23)}</td>
                  <td><a href={`#/requests/${e.id}`}>{e.method} {e.path}</a></td>
                  <td>{e.status}{e.failure ? ` (${e.failure})` : ''}</td>
                  <td>{e.endpoint ?? '—'}</td>
                  <td>{e.duration_ms}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {chosen && <RequestDetail entry={chosen} />}
      </div>
    </section>
  );
}
