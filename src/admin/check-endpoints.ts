/** Checks endpoints sent to the admin API without adding them: read as a file is, then compiled alone, every problem at its line. */
import type { ConfigIssue } from '../errors/config-issue';
import type { EndpointSet } from '../engine/endpoint-set';
import { compileEndpointSet } from '../engine/compile-endpoint-set';
import { Resources } from '../engine/resources';
import { readRuntimeEndpoints, type ReadOptions } from './runtime-endpoints';

export interface Problem {
  line: number;
  column: number;
  message: string;
  code: string;
  pointer?: string;
}

function problem({ line, col, message, code, pointer }: ConfigIssue): Problem {
  return { line, column: col, message, code, ...(pointer !== undefined ? { pointer } : {}) };
}

export function checkRuntimeEndpoints(current: EndpointSet, opts: ReadOptions): Problem[] {
  const read = readRuntimeEndpoints(opts);
  if (!read.ok) return read.issues.map(problem);
  // Compiled on their own, with the settings in force, into resources thrown away after: nothing is kept.
  const resources = new Resources();
  const compiled = compileEndpointSet(read.endpoints, { seed: 0, now: Date.now(), settings: current.settings, resources });
  void resources.close();
  if (compiled.ok) return [];
  const sent = opts.json ? 'request.json' : 'request.yaml';
  return compiled.issues.filter((i) => i.file === sent).map(problem);
}
