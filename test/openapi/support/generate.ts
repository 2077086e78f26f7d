/** Test helper: runs the generator on a fixture and parses what it wrote. */
import path from 'node:path';
import YAML from 'yaml';
import type { EndpointDefinition } from '../../../src/model/endpoint';
import { loadSpec } from '../../../src/openapi/load-spec';
import { generateConfig, type GenerateOptions, type GenerateResult } from '../../../src/openapi/generate-config';

export const fixtures = path.resolve(__dirname, '../../fixtures/openapi');

export interface Generated extends GenerateResult {
  /** The endpoints of every file, in file order. */
  endpoints: EndpointDefinition[];
  text: string;
}

export async function generate(fixture: string, opts: GenerateOptions = {}): Promise<Generated> {
  const file = path.join(fixtures, fixture);
  const loaded = await loadSpec(file);
  if (!loaded.ok) throw new Error(`fixture ${fixture} does not load: ${JSON.stringify(loaded.problems)}`);
  const result = generateConfig(loaded.spec.doc, {
    source: fixture,
    rootPath: loaded.spec.rootPath,
    externals: loaded.spec.externals,
    ...opts,
  });
  const endpoints = result.files.flatMap((f) => (YAML.parse(f.content) as { endpoints: EndpointDefinition[] }).endpoints);
  return { ...result, endpoints, text: result.files.map((f) => f.content).join('') };
}

export function byName(g: Generated, name: string): EndpointDefinition {
  const found = g.endpoints.find((e) => e.name === name);
  if (!found) throw new Error(`no endpoint named ${name}; have ${g.endpoints.map((e) => e.name).join(', ')}`);
  return found;
}
