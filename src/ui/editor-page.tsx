/** Editor: a runtime endpoint's YAML, checked as it is typed (problems at their lines), saved by POST or PUT, or into a file. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, json, sendJson, sendYaml } from './api';
import { copyName, endpointYaml, NEW_ENDPOINT, type ListedEndpoint } from './endpoint-yaml';
import { YamlEditor, type Problem } from './yaml-editor';
import { go } from './use-route';

interface Props {
  /** The runtime endpoint being edited; null for a new one. */
  name: string | null;
  /** A new endpoint starts as a copy of this one. */
  from: string | null;
}

interface Issue {
  line: number;
  col: number;
  message: string;
}

export function EditorPage({ name, from }: Props) {
  const [text, setText] = useState<string | null>(name === null && from === null ? NEW_ENDPOINT : null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [file, setFile] = useState('runtime.yaml');
  const current = useRef(text ?? '');
  useEffect(() => {
    if (text !== null) current.current = text;
  }, [text]);

  useEffect(() => {
    if (name === null && from === null) return setText(NEW_ENDPOINT);
    json<ListedEndpoint[]>('/__endpoints').then(
      (list) => {
        const ep = list.find((e) => e.name === (name ?? from));
        if (ep === undefined) return setStatus({ kind: 'error', text: `No endpoint named "${name ?? from}".` });
        if (name !== null && ep.source !== 'runtime') setStatus({ kind: 'error', text: `"${name}" comes from a file: edit its file, or duplicate it.` });
        setText(from !== null ? endpointYaml(ep, copyName(ep.name, list.map((e) => e.name))) : endpointYaml(ep));
      },
      (e: Error) => setStatus({ kind: 'error', text: e.message }),
    );
  }, [name, from]);

  const check = async (yamlText: string): Promise<Problem[]> => {
    const q = name === null ? '' : `?replacing=${encodeURIComponent(name)}`;
    try {
      const found = (await json<{ problems: Problem[] }>(`/__endpoints/validate${q}`, sendYaml('POST', yamlText))).problems;
      setProblems(found);
      return found;
    } catch (e) {
      const p = [{ line: 1, column: 1, message: (e as Error).message }];
      setProblems(p);
      return p;
    }
  };

  const save = async () => {
    setStatus(null);
    try {
      const body = current.current;
      if (name === null) {
        const made = await json<{ name: string }[]>('/__endpoints', sendYaml('POST', body));
        setStatus({ kind: 'ok', text: `Saved ${made.map((m) => `"${m.name}"`).join(', ')}.` });
        if (made.length === 1) go(`#/editor/${encodeURIComponent(made[0].name)}`);
      } else {
        const put = await json<{ name: string }>(`/__endpoints/${encodeURIComponent(name)}`, sendYaml('PUT', body));
        setStatus({ kind: 'ok', text: `Saved "${put.name}".` });
        if (put.name !== name) go(`#/editor/${encodeURIComponent(put.name)}`);
      }
      setProblems([]);
    } catch (e) {
      const errors = e instanceof ApiError ? (e.body as { errors?: Issue[] } | undefined)?.errors : undefined;
      if (errors) setProblems(errors.map((i) => ({ line: i.line, column: i.col, message: i.message })));
      setStatus({ kind: 'error', text: errors ? `Not saved: ${errors.length} problem${errors.length === 1 ? '' : 's'}.` : (e as Error).message });
    }
  };

  const saveToFile = async () => {
    setStatus(null);
    try {
      const done = await json<{ file: string; endpoints: string[] }>('/__endpoints/save', sendJson('POST', { file }));
      setStatus({ kind: 'ok', text: `Wrote ${done.endpoints.length} runtime endpoint(s) to ${done.file}; they are file endpoints now.` });
    } catch (e) {
      setStatus({ kind: 'error', text: (e as Error).message });
    }
  };

  return (
    <section aria-labelledby="editor-title">
      <h1 id="editor-title">{name === null ? 'New endpoint' : `Edit ${name}`}</h1>
      {text === null ? (
        <p>Loading…</p>
      ) : (
        <YamlEditor
          value={text}
          label="Endpoint YAML"
          onChange={(t) => (current.current = t)}
          check={check}
        />
      )}
      <h2 class="small">Problems</h2>
      {problems.length === 0 ? (
        <p class="ok" id="no-problems">No problems found.</p>
      ) : (
        <ul class="problems" aria-label="Problems">
          {problems.map((p, i) => (
            <li key={i}>
              <strong>Line {p.line}, column {p.column}:</strong> {p.message}
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        <button type="button" onClick={save}>{name === null ? 'Save' : 'Save changes'}</button>
        <a class="button" href="#/endpoints">Back to endpoints</a>
      </div>
      <div role="status" aria-live="polite">{status && <p class={status.kind}>{status.text}</p>}</div>
      <form class="save-file" onSubmit={(e) => (e.preventDefault(), void saveToFile())}>
        <h2 class="small">Save the runtime endpoints to a file</h2>
        <label>
          File in the config folder <input value={file} onInput={(e) => setFile(e.currentTarget.value)} />
        </label>
        <button type="submit">Save to file</button>
      </form>
    </section>
  );
}
