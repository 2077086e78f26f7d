/**
 * Endpoints sent to the admin API, read exactly as a config file is: the same parser, shapes, schema check and
 * defaults, then names made unique against every endpoint already in force. Problems carry line and column
 * in the text that was sent, and the JSON pointer of the value.
 */
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes } from '../errors/codes';
import type { LoadedEndpoint } from '../model/endpoint';
import { collectEndpoints } from '../config/collect-endpoints';
import { locator, resolveInEndpoint } from '../config/endpoint-locator';
import { assignNames } from '../config/assign-names';

/** The source name runtime endpoints have in the registry. */
export const RUNTIME_SOURCE = 'runtime';

export type ReadResult = { ok: true; endpoints: LoadedEndpoint[] } | { ok: false; issues: ConfigIssue[] };

export interface ReadOptions {
  /** The text as sent, and whether it is JSON (else YAML). */
  text: string;
  json: boolean;
  /** Names already in force that the new endpoints must not take (file endpoints, other runtime ones). */
  taken: readonly string[];
  /** For PUT: the name an endpoint without its own `name` gets. */
  defaultName?: string;
}

export function readRuntimeEndpoints(opts: ReadOptions): ReadResult {
  const file = opts.json ? 'request.json' : 'request.yaml';
  const collected = collectEndpoints(file, opts.text);
  const issues: ConfigIssue[] = [...collected.issues];
  if (collected.issues.length === 0 && collected.endpoints.length === 0) {
    issues.push({ file, line: 1, col: 1, message: 'no endpoint given: send one endpoint, a list of them, or {defaults, endpoints}', code: ErrorCodes.CONFIG_SCHEMA, pointer: '' });
  }
  for (const { def, place } of collected.endpoints) {
    if (def.body_file === undefined) continue;
    const at = resolveInEndpoint(place, '/body_file');
    issues.push({ ...at.ref, message: 'body_file cannot be used by a runtime endpoint: put the body in "response", or write a file into the config folder', code: ErrorCodes.CONFIG_BODY_FILE, pointer: at.pointer });
  }
  if (opts.defaultName !== undefined) for (const { def } of collected.endpoints) def.name ??= opts.defaultName;

  // Names already in force are claimed first (as written names), so a new endpoint never takes one.
  const taken = opts.taken.map((name) => ({ explicit: name, method: '', path: '' }));
  const requests = collected.endpoints.map(({ def }) => ({ explicit: def.name, method: def.method, path: def.path }));
  const { names, duplicates } = assignNames([...taken, ...requests]);
  for (const { index, first } of duplicates) {
    const { place } = collected.endpoints[index - taken.length];
    const at = resolveInEndpoint(place, '/name');
    const other = first < taken.length ? 'an endpoint in force' : 'another endpoint sent';
    const message = `duplicate name "${names[index]}": already used by ${other} (PUT /__endpoints/NAME replaces a runtime endpoint)`;
    issues.push({ ...at.ref, message, code: ErrorCodes.CONFIG_DUPLICATE_NAME, pointer: at.pointer });
  }
  if (issues.length > 0) return { ok: false, issues };
  const endpoints = collected.endpoints.map(({ def, place }, i): LoadedEndpoint => ({
    def: Object.assign(def, { name: names[taken.length + i] }),
    source: place.source,
    order: i,
    locate: locator(place),
  }));
  return { ok: true, endpoints };
}

/** An issue as the admin API shows it. */
export function showIssue({ file, line, col, message, code, pointer }: ConfigIssue): Record<string, unknown> {
  return { file, line, col, message, code, ...(pointer !== undefined ? { pointer } : {}) };
}
