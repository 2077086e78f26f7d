/** The real vendor documents under test/fixtures/openapi-corpus (gzip-compressed), read and parsed. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import YAML from 'yaml';

export const corpusDir = path.resolve(__dirname, '../../fixtures/openapi-corpus');

/** `docker-engine.yaml` for `docker-engine.yaml.gz`. */
export function corpusNames(): string[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.gz'))
    .map((f) => f.slice(0, -'.gz'.length))
    .sort();
}

export function corpusText(name: string): string {
  return gunzipSync(readFileSync(path.join(corpusDir, `${name}.gz`))).toString('utf8');
}

/** Parsed independently of mockdock's reader: JSON.parse, or the yaml package with duplicate keys allowed. */
export function corpusDocument(name: string): Record<string, unknown> {
  const text = corpusText(name);
  if (name.endsWith('.json')) return JSON.parse(text) as Record<string, unknown>;
  return YAML.parse(text, { uniqueKeys: false, maxAliasCount: -1 }) as Record<string, unknown>;
}
