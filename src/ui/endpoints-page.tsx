/** Endpoints: the table of every endpoint in force (search, filters), and the selected one's YAML and source. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, call, json } from './api';
import { endpointYaml, sourceOf, type ListedEndpoint } from './endpoint-yaml';
import { go } from './use-route';

export function EndpointsPage({ selected }: { selected: string | null }) {
  const [list, setList] = useState<ListedEndpoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [method, setMethod] = useState('');
  const [source, setSource] = useState('');
  const [file, setFile] = useState('');

  const load = () =>
    json<ListedEndpoint[]>('/__endpoints').then(
      (l) => (setList(l), setError(null)),
      (e: Error) => setError(e.message),
    );
  useEffect(() => void load(), []);

  const methods = useMemo(() => [...new Set((list ?? []).map((e) => e.method))].sort(), [list]);
  const files = useMemo(() => [...new Set((list ?? []).flatMap((e) => (e.file ? [e.file] : [])))].sort(), [list]);
  const shown = (list ?? []).filter((e) => {
    const q = search.trim().toLowerCase();
    if (q && !`${e.name} ${e.method} ${e.path}`.toLowerCase().includes(q)) return false;
    if (method && e.method !== method) return false;
    if (source && e.source !== source) return false;
    if (file && e.file !== file) return false;
    return true;
  });
  const chosen = list?.find((e) => e.name === selected) ?? null;

  const remove = async (ep: ListedEndpoint) => {
    if (!confirm(`Delete the runtime endpoint "${ep.name}"?`)) return;
    const res = await call(`/__endpoints/${encodeURIComponent(ep.name)}`, { method: 'DELETE' });
    if (!res.ok) setError(new ApiError(res.status, await res.json().catch(() => null)).message);
    go('#/endpoints');
    await load();
  };

  return (
    <section aria-labelledby="endpoints-title">
      <div class="toolbar">
        <h1 id="endpoints-title">Endpoints</h1>
        <a class="button" href="#/editor">New endpoint</a>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search <input type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} placeholder="name, method or path" />
        </label>
        <label>
          Method
          <select value={method} onChange={(e) => setMethod(e.currentTarget.value)}>
            <option value="">any</option>
            {methods.map((m) => <option key={m}>{m}</option>)}
          </select>
        </label>
        <label>
          Source
          <select value={source} onChange={(e) => setSource(e.currentTarget.value)}>
            <option value="">any</option>
            <option value="file">file</option>
            <option value="runtime">runtime</option>
          </select>
        </label>
        <label>
          File
          <select value={file} onChange={(e) => setFile(e.currentTarget.value)}>
            <option value="">any</option>
            {files.map((f) => <option key={f}>{f}</option>)}
          </select>
        </label>
      </form>
      <div class="split">
        <div class="scroll">
          <table>
            <caption>{list === null ? 'Loading…' : `${shown.length} of ${list.length} endpoints`}</caption>
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Source</th></tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.name} aria-selected={e.name === selected}>
                  <td><a href={`#/endpoints/${encodeURIComponent(e.name)}`}>{e.name}</a></td>
                  <td><code>{e.method}</code></td>
                  <td><code>{e.path}</code></td>
                  <td>{sourceOf(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {chosen && (
          <section class="detail" aria-labelledby="endpoint-detail-title">
            <h2 id="endpoint-detail-title">{chosen.name}</h2>
            <p>Source: <code>{sourceOf(chosen)}</code></p>
            <div class="actions">
              {chosen.source === 'runtime' && <a class="button" href={`#/editor/${encodeURIComponent(chosen.name)}`}>Edit</a>}
              <a class="button" href={`#/editor?from=${encodeURIComponent(chosen.name)}`}>Duplicate</a>
              {chosen.source === 'runtime' && <button type="button" class="danger" onClick={() => remove(chosen)}>Delete</button>}
            </div>
            {chosen.source === 'file' && <p class="hint">A file endpoint is changed in its file; a duplicate becomes a runtime endpoint.</p>}
            <pre tabIndex={0} aria-label={`YAML of ${chosen.name}`}><code>{endpointYaml(chosen)}</code></pre>
          </section>
        )}
      </div>
    </section>
  );
}

