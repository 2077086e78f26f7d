/** Reads an OpenAPI document (file or stdin, YAML or JSON) and the files its `$ref`s point to. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { SpecProblem } from './spec-problem';
import { isObject } from './ref-resolver';

export interface LoadedSpec {
  doc: unknown;
  /** Absolute path relative `$ref`s resolve against. */
  rootPath: string;
  externals: Map<string, unknown>;
}

export type LoadResult = { ok: true; spec: LoadedSpec } | { ok: false; problems: SpecProblem[] };

const fail = (message: string, pointer = '#'): LoadResult => ({ ok: false, problems: [{ file: '', pointer, message }] });

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON is YAML, but JSON.parse is many times faster on large documents. */
export function parseText(text: string): { ok: true; doc: unknown } | { ok: false; message: string } {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*[{[]/.test(body)) {
    try {
      return { ok: true, doc: JSON.parse(body) };
    } catch {
      // fall through: YAML flow style also starts with '{', and YAML reports positions
    }
  }
  // Specs in the wild repeat keys and use anchors; the last key wins, as in most tools.
  const parsed = YAML.parseDocument(body, { uniqueKeys: false, prettyErrors: true });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    const where = e.linePos ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    return { ok: false, message: `not valid YAML or JSON${where}: ${e.message.split('\n')[0]}` };
  }
  return { ok: true, doc: parsed.toJS({ maxAliasCount: -1 }) };
}

function hasExternalRef(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (isObject(v)) {
      if (typeof v.$ref === 'string' && !v.$ref.startsWith('#')) return true;
      for (const key in v) stack.push(v[key]);
    }
  }
  return false;
}

/** Loads every file reachable through relative `$ref`s; a file that cannot be read is kept as its Error. */
async function loadExternals(doc: unknown, rootPath: string): Promise<Map<string, unknown>> {
  const parser = new SwaggerParser();
  type Resolve = (file: string, api: object, options: object) => Promise<{ values(): Record<string, unknown> }>;
  const resolve = parser.resolve.bind(parser) as unknown as Resolve;
  const refs = await resolve(rootPath, doc as object, { resolve: { http: false }, continueOnError: true });
  const out = new Map<string, unknown>();
  for (const [file, value] of Object.entries(refs.values())) {
    if (path.resolve(file) !== rootPath) out.set(path.resolve(file), value);
  }
  return out;
}

/** `spec` is a path, or '-' for stdin (relative `$ref`s then resolve against the working folder). */
export async function loadSpec(spec: string): Promise<LoadResult> {
  const rootPath = spec === '-' ? path.resolve('stdin') : path.resolve(spec);
  let text: string;
  try {
    text = spec === '-' ? await readStdin() : await readFile(rootPath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? String(err)})`);
  }
  const parsed = parseText(text);
  if (!parsed.ok) return fail(parsed.message);
  let externals = new Map<string, unknown>();
  if (hasExternalRef(parsed.doc) && isObject(parsed.doc)) {
    try {
      externals = await loadExternals(parsed.doc, rootPath);
    } catch (err) {
      return fail(`cannot follow the document's $refs: ${(err as Error).message}`);
    }
  }
  return { ok: true, spec: { doc: parsed.doc, rootPath, externals } };
}
