/** The validators the build generates (and the bundle carries) explain problems exactly as the compiled schema does. */
import fs from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { explainSchemaErrors } from '../../src/config/explain-schema-errors';
import { configAjv } from '../../src/config/validate-endpoint';

const file = path.resolve(__dirname, '../../dist/validators.js');

const cases: Array<['endpoint' | 'defaults' | 'settings', unknown]> = [
  ['endpoint', { path: '/a', methd: 'GET', status: 99, response: { a: 1 }, rate_limit: { limit: -1, window_s: 'x' } }],
  ['endpoint', { path: '/b', sequence: 3, latency_ms: { min: 'a' } }],
  ['endpoint', { path: '/c', proxy: { url: 5 }, failures: [{ kind: 'nope' }] }],
  ['endpoint', { path: '/ok', response: { fine: true } }],
  ['defaults', { latency_ms: -3, nope: 1 }],
  ['settings', { auth: { clients: 3 }, proxy: 12, sessions: { header: 5 } }],
];

describe('validators generated at build time', () => {
  it('are written by npm run build', () => {
    expect(fs.existsSync(file)).toBe(true);
  });

  it.each(cases)('give the same problems as the compiled schema for a %s', (which, value) => {
    const generated = require(file) as Record<string, ValidateFunction>;
    const compiled = configAjv().getSchema(`config#/definitions/${which}`)!;
    const explain = (v: ValidateFunction) => (v(value) ? [] : explainSchemaErrors(v.errors ?? [], []));
    expect(explain(generated[which])).toEqual(explain(compiled));
  });
});
