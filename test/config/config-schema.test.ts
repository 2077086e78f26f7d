import Ajv from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { configSchema, schemaDefinitions } from '../../src/config/schema';
import { fixture } from './fixtures';

const SPEC_KEYS = [
  'path', 'method', 'name', 'match', 'priority', 'status', 'headers', 'response', 'body_file', 'latency_ms',
  'failure_rate', 'failure', 'every', 'outage', 'sequence', 'sequence_mode', 'rate_limit', 'validate', 'template',
  'auth', // SPEC §8
  'graphql', // SPEC §10
  'proxy',
  // §9
  'websocket', 'events', 'repeat', 'keep_open',
  'scenario', 'when_state', 'set_state', 'crud', 'cache',
  'webhooks',
  'handler', // §13 plugins
];

function editorCheck(): (value: unknown) => boolean {
  return new Ajv({ strict: true, allErrors: true }).compile(configSchema);
}

function configFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.split(path.sep).some((part) => part === '__files' || part.startsWith('.')))
    .map((f) => path.join(dir, f));
}

describe('the config JSON Schema', () => {
  it('compiles under ajv strict mode', () => {
    expect(() => new Ajv({ strict: true }).compile(configSchema)).not.toThrow();
  });

  it('is draft-07, with a title and a description', () => {
    expect(configSchema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(configSchema.title).toBeTruthy();
    expect(configSchema.description).toBeTruthy();
  });

  it('describes every endpoint key of the spec, and nothing else, with a description editors can show', () => {
    const properties = schemaDefinitions.endpoint.properties as Record<string, { $ref: string }>;
    expect(Object.keys(properties).filter((k) => k !== '$schema').sort()).toEqual([...SPEC_KEYS].sort());
    for (const key of SPEC_KEYS) {
      const name = properties[key].$ref.replace('#/definitions/', '') as keyof typeof schemaDefinitions;
      expect({ key, description: typeof (schemaDefinitions[name] as { description?: string }).description }).toEqual({ key, description: 'string' });
    }
    expect(schemaDefinitions.endpoint.required).toEqual(['path']);
    expect(schemaDefinitions.endpoint.additionalProperties).toBe(false);
  });

  it('accepts the three file shapes and the seed JSON form', () => {
    const check = editorCheck();
    expect(check({ path: '/a' })).toBe(true);
    expect(check([{ path: '/a' }, { path: '/b', method: 'post' }])).toBe(true);
    expect(check({ defaults: { status: 201 }, endpoints: [{ path: '/a' }] })).toBe(true);
    expect(check({ path: '/api/endpoint', method: 'GET', response: { data: 'value' }, status: 200, latency_ms: 100, failure_rate: 0.1 })).toBe(true);
  });

  it('rejects what the loader rejects', () => {
    const check = editorCheck();
    expect(check({ path: '/a', lantency_ms: 1 })).toBe(false);
    expect(check({ status: 200 })).toBe(false);
    expect(check([{ path: '/a', status: 99 }])).toBe(false);
    expect(check({ defaults: { path: '/a' }, endpoints: [] })).toBe(false);
    expect(check({ defaults: {} })).toBe(false);
    expect(check({ path: '/a', body_file: 'x', response: {} })).toBe(false);
    expect(check({ path: '/a', latency_ms: { distribution: 'normal', mean: 1 } })).toBe(false);
    expect(check('text')).toBe(false);
  });

  it('agrees with the loader on the fixtures: the good ones pass, the schema-error one fails', () => {
    const check = editorCheck();
    for (const name of ['shapes', 'order', 'defaults', 'names', 'body-files', 'locate']) {
      for (const file of configFiles(fixture(name))) {
        expect({ file, valid: check(parse(fs.readFileSync(file, 'utf8')) ?? []) }).toEqual({ file, valid: true });
      }
    }
    for (const file of configFiles(fixture('schema-errors'))) expect(check(parse(fs.readFileSync(file, 'utf8')))).toBe(false);
  });
});
