/** An endpoint as GET /__endpoints lists it, and its definition as YAML for the editor (what POST /__endpoints takes back). */
import { stringify } from 'yaml';

export interface ListedEndpoint {
  name: string;
  method: string;
  path: string;
  source: 'file' | 'runtime';
  file?: string;
  line?: number;
  col?: number;
  priority?: number;
  [key: string]: unknown;
}

/** Where the endpoint comes from, as people read it: `users.yaml:12` or `runtime`. */
export function sourceOf(ep: ListedEndpoint): string {
  return ep.source === 'runtime' ? 'runtime' : `${ep.file}:${ep.line}`;
}

/** The definition alone: the listing's own fields (source, file, line, col, priority) left out. */
export function definitionOf(ep: ListedEndpoint, rename?: string): Record<string, unknown> {
  const { source: _s, file: _f, line: _l, col: _c, priority: _p, name, method, path, ...rest } = ep;
  // read as a file is written: who it is first, then what it does
  return { name: rename ?? name, method, path, ...rest };
}

export function endpointYaml(ep: ListedEndpoint, rename?: string): string {
  return stringify(definitionOf(ep, rename), { lineWidth: 0 });
}

/** A name not yet taken, for a duplicate: `NAME copy`, then `NAME copy 2`, … */
export function copyName(name: string, taken: readonly string[]): string {
  let candidate = `${name} copy`;
  for (let n = 2; taken.includes(candidate); n++) candidate = `${name} copy ${n}`;
  return candidate;
}

export const NEW_ENDPOINT = `# One endpoint (or a list of them), as in a config file.
name: hello
method: GET
path: /hello
status: 200
response:
  message: Hello from mockdock
`;
