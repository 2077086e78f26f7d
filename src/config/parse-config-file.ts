/**
 * Turns a config file's text into a value, with the start of each endpoint object. JSON goes
 * through JSON.parse and a one-pass scan; YAML through js-yaml. Both are an order of magnitude
 * faster than the `yaml` package, which matters at thousands of endpoints; `yaml` is kept for
 * what needs positions of any node: syntax errors and `locate` (see source-index.ts).
 */
import { CORE_SCHEMA, load, type State, type YAMLException } from 'js-yaml';

/** js-yaml's parser state as the listener sees it (its types leave out the nesting depth). */
type LoaderState = State & { depth: number };
import { LineCounter, parseDocument } from 'yaml';
import { countKeys, positionsOf, scanJson } from './json-starts';
import { SourceIndex, type Position } from './source-index';

/** Objects deeper than this are never endpoints or defaults (file → endpoints → item). */
const TRACKED_DEPTH = 3;

export interface ParsedFile {
  value: unknown;
  /** Where the objects and lists near the top of the file start, by identity. */
  starts: Map<object, Position>;
  index: SourceIndex;
}

export interface SyntaxProblem extends Position {
  message: string;
}

export type ParseOutcome = { ok: true; file: ParsedFile } | { ok: false; problems: SyntaxProblem[] };

export function parseConfigFile(source: string, json: boolean): ParseOutcome {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return json ? parseJson(text) : parseYaml(text);
}

function parseYaml(text: string): ParseOutcome {
  const starts = new Map<object, Position>();
  const open: Position[] = [];
  try {
    const value = load(text, {
      schema: CORE_SCHEMA,
      listener(event, raw) {
        const state = raw as LoaderState;
        if (state.depth > TRACKED_DEPTH) return;
        if (event === 'open') {
          open.push({ line: state.line + 1, col: state.position - state.lineStart + 1 });
          return;
        }
        const at = open.pop();
        const result = state.result;
        if (at && result !== null && typeof result === 'object' && !starts.has(result)) starts.set(result, at);
      },
    });
    return { ok: true, file: { value, starts, index: new SourceIndex(text) } };
  } catch (error) {
    const fallback = error as YAMLException;
    const mark = fallback.mark;
    const problem = { line: mark ? mark.line + 1 : 1, col: mark ? mark.column + 1 : 1, message: `invalid YAML: ${fallback.reason ?? fallback.message}` };
    return { ok: false, problems: yamlProblems(text, 'YAML', problem) };
  }
}

/** JSON files must be strict JSON: as YAML, `tru` would quietly be read as a string. */
function parseJson(text: string): ParseOutcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [jsonProblem(text, (error as Error).message)] };
  }
  const scan = scanJson(text);
  if (scan.keyCount !== countKeys(value)) {
    const problem = { line: 1, col: 1, message: 'invalid JSON: a key is repeated in one object' };
    return { ok: false, problems: yamlProblems(text, 'JSON', problem) };
  }
  const found: [number, unknown][] = [[scan.root, value]];
  if (Array.isArray(value)) scan.children.forEach((child, i) => found.push([child.at, value[i]]));
  else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    for (const child of scan.children) if (child.key === 'defaults' || child.key === 'endpoints') found.push([child.at, object[child.key]]);
    const list = object.endpoints;
    if (Array.isArray(list)) scan.endpointItems.forEach((at, i) => found.push([at, list[i]]));
  }
  found.sort((a, b) => a[0] - b[0]);
  const positions = positionsOf(text, found.map(([at]) => at));
  const starts = new Map<object, Position>();
  found.forEach(([, item], i) => {
    if (item !== null && typeof item === 'object') starts.set(item, positions[i]);
  });
  return { ok: true, file: { value, starts, index: new SourceIndex(text) } };
}

function jsonProblem(text: string, raw: string): SyntaxProblem {
  const message = 'invalid JSON: ' + lowerFirst(raw.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, ''));
  const at = /at position (\d+)/.exec(raw);
  if (at) return { ...positionsOf(text, [Number(at[1])])[0], message };
  if (/end of JSON input/.test(raw)) return { ...positionsOf(text, [text.length])[0], message };
  // V8 gives no position for a bad literal; the `yaml` parser's JSON schema finds it.
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: 'json', lineCounter: lines, prettyErrors: false });
  const first = doc.errors[0];
  if (first) return { ...lines.linePos(first.pos[0]), message: 'invalid JSON: ' + explain(first.code, first.message, '') };
  return { line: 1, col: 1, message };
}

/** The `yaml` parser's account of a syntax error (its own line and column); `fallback` when it sees none. */
function yamlProblems(text: string, kind: 'YAML' | 'JSON', fallback: SyntaxProblem): SyntaxProblem[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const seen = new Set<number>();
  const problems: SyntaxProblem[] = [];
  for (const error of doc.errors) {
    const at = lines.linePos(error.pos[0]);
    if (seen.has(at.line)) continue;
    seen.add(at.line);
    problems.push({ ...at, message: `invalid ${kind}: ${explain(error.code, error.message, keyAt(text, error.pos[0]))}` });
  }
  return problems.length > 0 ? problems : [fallback];
}

/** The parser's words, except where they name its own API or leave out the key. */
function explain(code: string, message: string, key: string): string {
  if (code === 'DUPLICATE_KEY') return `duplicate key ${key}`;
  if (code === 'MULTIPLE_DOCS') return 'a file holds one document; split the part after "---" into its own file';
  return lowerFirst(message);
}

/** The key written at `offset`, quoted as in the file (plain keys get double quotes). */
function keyAt(text: string, offset: number): string {
  const quote = text[offset];
  if (quote === '"' || quote === "'") {
    let end = offset + 1;
    while (end < text.length && (text[end] !== quote || (quote === '"' && text[end - 1] === '\\'))) end++;
    return text.slice(offset, end + 1);
  }
  return JSON.stringify(/^[^:\n]*/.exec(text.slice(offset))?.[0].trim() ?? '');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
