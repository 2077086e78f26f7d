/**
 * The recording layout: exchanges → `<dir>/<host>_<port>/<first segment>.yaml` under the config root,
 * one endpoint per distinct request (in the order first seen), differing answers as a `sequence`,
 * bodies as YAML values, text or files under `__files/<dir>/`. Requests already on disk are left alone,
 * so recording the same traffic twice changes nothing. Used by `record`, record-on-miss and `import har`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { EndpointDefinition } from '../model/endpoint';
import { type Answer, type RecordedExchange, answerOf, bodyFileName, jsonRequestBody, literalPath, queryOf } from './exchange';
import { type RedactOptions, type Redactor, makeRedactor } from './secrets';
import { renderConfig } from './render-yaml';
import { type OutputFile, type WriteResult, writeConfig } from './write-config';

export interface RecorderOptions extends RedactOptions {
  /** The config root; files are written under it. */
  root: string;
  /** Folder under the root for endpoint files (default `recorded`); body files go to `__files/<dir>/`. */
  dir?: string;
}

interface RunEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  answers: Answer[];
}

interface FileState {
  /** Endpoints found on disk when this file was first touched, kept as they are. */
  disk: unknown[];
  keys: Set<string>;
  run: Map<string, RunEntry>;
  origin: string;
  dirty: boolean;
}

export interface RecordOutcome {
  /** The endpoint file (relative to the root), or undefined when the exchange cannot be recorded. */
  file?: string;
  /** True when this exchange added a request or an answer. */
  recorded: boolean;
  note?: string;
}

/** Keys sorted at every level, so equal values give equal text. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
}

function requestKey(method: string, p: string, query: unknown, body: unknown): string {
  return `${method.toUpperCase()} ${p} ${canonical(query ?? {})} ${canonical(body ?? null)}`;
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_') || '_root';
}

function answerKey(a: Answer): string {
  const body = a.body.kind === 'file' ? bodyFileName(a.body.content, a.body.ext) : a.body;
  return canonical({ s: a.status, h: a.headers, b: body });
}

export class Recorder {
  private readonly root: string;
  private readonly dir: string;
  private readonly redact: Redactor;
  private readonly files = new Map<string, FileState>();
  private chain: Promise<unknown> = Promise.resolve();
  /** Takes back what the last `add` changed. */
  private undo?: () => void;

  constructor(opts: RecorderOptions) {
    this.root = path.resolve(opts.root);
    this.dir = (opts.dir ?? 'recorded').replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
    this.redact = makeRedactor(opts);
  }

  /** Records one exchange and writes its file at once (calls are queued, so files are written one at a time). */
  record(ex: RecordedExchange): Promise<RecordOutcome & { write?: WriteResult }> {
    const run = this.chain.then(async () => {
      const outcome = await this.add(ex);
      if (!outcome.recorded || !outcome.file) return outcome;
      const write = await this.flush();
      // An exchange whose file would not validate is dropped, so it cannot block the ones after it.
      if (!write.ok) this.undo?.();
      return { ...outcome, recorded: write.ok, write };
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Takes an exchange into memory; `flush` writes what changed. */
  async add(ex: RecordedExchange): Promise<RecordOutcome> {
    let url: URL;
    try {
      url = new URL(ex.url);
    } catch {
      return { recorded: false, note: `${ex.method} ${ex.url}: not an absolute URL` };
    }
    const p = literalPath(url.pathname);
    if (p === undefined) return { recorded: false, note: `${ex.method} ${url.pathname}: a path with an empty segment ("//") cannot be an endpoint path` };
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const hostDir = safeName(`${url.hostname.replace(/^\[|\]$/g, '')}_${port}`);
    const segment = url.pathname.split('/')[1] ?? '';
    const file = `${this.dir ? `${this.dir}/` : ''}${hostDir}/${safeName(decodeURIComponentSafe(segment))}.yaml`;
    const state = await this.state(file, `${url.protocol}//${url.host}`);
    const method = ex.method.toUpperCase();
    const query = queryOf(ex, url);
    const body = this.redact.dropFields(jsonRequestBody(ex));
    const key = requestKey(method, p, query, body);
    if (state.keys.has(key)) return { file, recorded: false };
    const answer = answerOf(ex, this.redact);
    const entry = state.run.get(key);
    if (!entry) {
      state.run.set(key, { method, path: p, query, body, answers: [answer] });
      state.dirty = true;
      this.undo = () => {
        state.run.delete(key);
        state.dirty = false;
      };
      return { file, recorded: true };
    }
    if (answerKey(entry.answers[entry.answers.length - 1]) === answerKey(answer)) return { file, recorded: false };
    if (answer.body.kind === 'file' || entry.answers.some((a) => a.body.kind === 'file')) {
      return { file, recorded: false, note: `${method} ${url.pathname}: a later, different answer was not kept (a sequence step cannot carry a body file)` };
    }
    entry.answers.push(answer);
    state.dirty = true;
    this.undo = () => {
      entry.answers.pop();
      state.dirty = false;
    };
    return { file, recorded: true };
  }

  /** Writes every file that changed since the last flush, validated as one set. */
  async flush(): Promise<WriteResult> {
    const out: OutputFile[] = [];
    const dirty = [...this.files.entries()].filter(([, s]) => s.dirty);
    for (const [file, state] of dirty) {
      const endpoints = [...state.disk as EndpointDefinition[], ...[...state.run.values()].map((e) => this.endpointOf(e, out, file))];
      const header = [`Recorded by mockdock from ${state.origin}: one endpoint per distinct request, in the order first seen.`];
      out.push({ path: file, content: renderConfig(header, [{ comment: [], endpoints }]) });
    }
    if (out.length === 0) return { ok: true, written: [] };
    const result = await writeConfig(this.root, dedupeFiles(out));
    if (result.ok) for (const [, s] of dirty) s.dirty = false;
    return result;
  }

  private async state(file: string, origin: string): Promise<FileState> {
    let state = this.files.get(file);
    if (state) return state;
    state = { disk: [], keys: new Set(), run: new Map(), origin, dirty: false };
    this.files.set(file, state);
    let text: string | undefined;
    try {
      text = await fs.readFile(path.join(this.root, file), 'utf8');
    } catch {
      // nothing recorded here yet
    }
    if (text !== undefined) {
      const doc: unknown = YAML.parse(text);
      const list = Array.isArray(doc) ? doc : doc && typeof doc === 'object' && Array.isArray((doc as { endpoints?: unknown }).endpoints) ? (doc as { endpoints: unknown[] }).endpoints : [];
      state.disk = list;
      for (const e of list as EndpointDefinition[]) {
        if (e && typeof e.path === 'string') state.keys.add(requestKey(e.method ?? 'GET', e.path, e.match?.query, e.match?.body));
      }
    }
    return state;
  }

  private bodyFile(answer: Answer, out: OutputFile[], file: string): string | undefined {
    if (answer.body.kind !== 'file') return undefined;
    const rel = `__files/${path.posix.dirname(file)}/${bodyFileName(answer.body.content, answer.body.ext)}`;
    out.push({ path: rel, content: answer.body.content });
    return rel;
  }

  private endpointOf(e: RunEntry, out: OutputFile[], file: string): EndpointDefinition {
    const def: EndpointDefinition = { method: e.method, path: e.path };
    const queryKeys = Object.keys(e.query).length;
    if (queryKeys > 0 || e.body !== undefined) {
      def.match = {};
      if (queryKeys > 0) def.match.query = e.query;
      if (e.body !== undefined) def.match.body = e.body;
    }
    // A request with more conditions is more specific: it must win over the same path with fewer.
    const specificity = queryKeys + (e.body !== undefined ? 1 : 0);
    if (specificity > 0) def.priority = specificity;
    const [first] = e.answers;
    if (e.answers.length === 1) {
      def.status = first.status;
      if (Object.keys(first.headers).length > 0) def.headers = first.headers;
      const bodyFile = this.bodyFile(first, out, file);
      if (bodyFile) def.body_file = bodyFile;
      else if (first.body.kind === 'json') def.response = first.body.value;
      else if (first.body.kind === 'text') def.response = first.body.text;
    } else {
      def.sequence = e.answers.map((a) => {
        const step: NonNullable<EndpointDefinition['sequence']>[number] = { status: a.status, headers: a.headers };
        if (a.body.kind === 'json') step.response = a.body.value;
        else if (a.body.kind === 'text') step.response = a.body.text;
        return step;
      });
      def.sequence_mode = 'stick';
    }
    def.template = false;
    return def;
  }
}

function dedupeFiles(files: OutputFile[]): OutputFile[] {
  const seen = new Map<string, OutputFile>();
  for (const f of files) seen.set(f.path, f);
  return [...seen.values()];
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
