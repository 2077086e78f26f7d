/** One config file's text → its endpoints (defaults merged, checked against the schema), or its problems. */
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes, type ErrorCode } from '../errors/codes';
import type { EndpointPlace } from './endpoint-locator';
import { fileShape } from './file-shape';
import { formatPointer, type Segment } from '../util/json-pointer';
import { mergeDefaults, normalize, type NormalDefinition } from './merge-defaults';
import { parseConfigFile } from './parse-config-file';
import type { SourceIndex } from './source-index';
import { validateDefaults, validateEndpoint } from './validate-endpoint';

export interface CollectedEndpoint {
  def: NormalDefinition;
  place: EndpointPlace;
}

export interface CollectedFile {
  endpoints: CollectedEndpoint[];
  issues: ConfigIssue[];
}

type Json = Record<string, unknown>;

function issueAt(file: string, index: SourceIndex, path: Segment[], message: string, code: ErrorCode): ConfigIssue {
  const { line, col } = index.find(path).position;
  return { file, line, col, message, code, pointer: formatPointer(path) };
}

export function collectEndpoints(file: string, text: string): CollectedFile {
  const parsed = parseConfigFile(text, /\.json$/i.test(file));
  if (!parsed.ok) {
    const issues = parsed.problems.map((p) => ({ file, line: p.line, col: p.col, message: p.message, code: ErrorCodes.CONFIG_PARSE, pointer: '' }));
    return { endpoints: [], issues };
  }
  const { value, starts, index } = parsed.file;
  const shape = fileShape(value);
  const issues = shape.problems.map((p) => issueAt(file, index, p.path, p.message, ErrorCodes.CONFIG_SCHEMA));
  const schemaIssue = (base: Segment[]) => (p: { path: Segment[]; message: string }) =>
    issueAt(file, index, [...base, ...p.path], p.message, ErrorCodes.CONFIG_SCHEMA);

  const defaults = shape.defaults;
  const defaultsProblems = defaults ? validateDefaults(defaults.value) : [];
  if (defaults) issues.push(...defaultsProblems.map(schemaIssue(defaults.path)));

  const endpoints: CollectedEndpoint[] = [];
  for (const slot of shape.endpoints) {
    const problems = validateEndpoint(slot.value);
    if (problems.length > 0) {
      issues.push(...problems.map(schemaIssue(slot.path)));
      continue;
    }
    if (defaultsProblems.length > 0) continue;
    const start = starts.get(slot.value as object) ?? index.find(slot.path).position;
    const def = normalize(mergeDefaults(defaults?.value as Json | undefined, slot.value as Json));
    const place: EndpointPlace = { file, index, path: slot.path, defaultsPath: defaults?.path, source: { file, ...start } };
    endpoints.push({ def, place });
  }
  return { endpoints, issues };
}
