/** Config: reload with every problem at file:line, scenario states (see, set), reset of state, CRUD collections. */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, json, sendJson } from './api';

interface Issue { file: string; line: number; col: number; message: string; code: string }
type Reloaded = { endpoints: number; files: string[]; duration_ms: number; warnings?: Issue[] } | { errors: Issue[] };
interface Scenario { name: string; state: string; states: string[] }
interface Collection { name: string; path: string; size: number }

function IssueList({ issues, label }: { issues: Issue[]; label: string }) {
  return (
    <ul class="problems" aria-label={label}>
      {issues.map((i, n) => (
        <li key={n}><strong>{i.file}:{i.line}:{i.col}</strong> {i.message} <code>{i.code}</code></li>
      ))}
    </ul>
  );
}

export function ConfigPage() {
  const [reloaded, setReloaded] = useState<Reloaded | null>(null);
  const [scenarios, setScenarios] = useState<Scenario[]>([]);
  const [collections, setCollections] = useState<Collection[]>([]);
  const [open, setOpen] = useState<{ name: string; items: unknown } | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const loadState = async () => {
    try {
      setScenarios(await json<Scenario[]>('/__scenarios'));
      setCollections(await json<Collection[]>('/__collections'));
    } catch (e) {
      setNote((e as Error).message);
    }
  };
  useEffect(() => void loadState(), []);

  const reload = async () => {
    setReloaded(null);
    try {
      setReloaded(await json<Reloaded>('/__reload', { method: 'POST' }));
    } catch (e) {
      if (e instanceof ApiError && (e.body as { errors?: Issue[] })?.errors) setReloaded(e.body as Reloaded);
      else setNote((e as Error).message);
    }
    await loadState();
  };
  const reset = async () => {
    await json('/__reset', { method: 'POST' });
    setOpen(null);
    await loadState();
    setNote('State reset: sequences, counters, scenarios and collections are back at their start.');
  };
  const setState = async (name: string, state: string) => {
    await json(`/__scenarios/${encodeURIComponent(name)}`, sendJson('PUT', { state }));
    await loadState();
    setNote(`Scenario "${name}" is now "${state}".`);
  };
  const browse = async (name: string) => setOpen({ name, items: await json(`/__collections/${encodeURIComponent(name)}`) });

  return (
    <section aria-labelledby="config-title">
      <h1 id="config-title">Config</h1>
      <div role="status" aria-live="polite">{note && <p>{note}</p>}</div>
      <section aria-labelledby="reload-title" class="card">
        <h2 id="reload-title">Reload</h2>
        <p>Reads the config folder again; with a problem the config in force keeps serving.</p>
        <button type="button" onClick={reload}>Reload config</button>
        {reloaded && 'errors' in reloaded && (
          <>
            <p class="error" role="alert">The reload failed with {reloaded.errors.length} problem(s); the previous config keeps serving.</p>
            <IssueList issues={reloaded.errors} label="Reload problems" />
          </>
        )}
        {reloaded && !('errors' in reloaded) && (
          <>
            <p class="ok" role="alert">Reloaded {reloaded.endpoints} endpoints from {reloaded.files.length} file(s) in {reloaded.duration_ms} ms.</p>
            {reloaded.warnings && <IssueList issues={reloaded.warnings} label="Reload warnings" />}
          </>
        )}
      </section>
      <section aria-labelledby="state-title" class="card">
        <h2 id="state-title">State</h2>
        <button type="button" class="danger" onClick={reset}>Reset all state</button>
        <h3>Scenarios</h3>
        {scenarios.length === 0 ? <p>No endpoint uses a scenario.</p> : (
          <table>
            <thead><tr><th scope="col">Scenario</th><th scope="col">State</th></tr></thead>
            <tbody>
              {scenarios.map((s) => (
                <tr key={s.name}>
                  <td>{s.name}</td>
                  <td>
                    <label class="visually-hidden" for={`sc-${s.name}`}>State of {s.name}</label>
                    <select id={`sc-${s.name}`} value={s.state} onChange={(e) => setState(s.name, e.currentTarget.value)}>
                      {[...new Set([s.state, ...s.states])].map((st) => <option key={st}>{st}</option>)}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>CRUD collections</h3>
        {collections.length === 0 ? <p>No endpoint is a CRUD collection.</p> : (
          <ul>
            {collections.map((c) => (
              <li key={c.name}>
                <button type="button" class="link" onClick={() => browse(c.name)}>{c.name}</button> <code>{c.path}</code> — {c.size} item(s)
              </li>
            ))}
          </ul>
        )}
        {open && <pre tabIndex={0} aria-label={`Items of ${open.name}`}>{JSON.stringify(open.items, null, 2)}</pre>}
      </section>
    </section>
  );
}
