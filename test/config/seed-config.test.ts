import Ajv from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { configSchema } from '../../src/config/schema';
import { loadOk } from './fixtures';

const SEED = path.join(__dirname, '..', '..', 'config');

describe('the seed config folder', () => {
  it('loads cleanly, from at least one YAML and one JSON file', async () => {
    const { files, endpoints } = await loadOk(SEED);
    expect(files.some((f) => f.endsWith('.yaml'))).toBe(true);
    expect(files.some((f) => f.endsWith('.json'))).toBe(true);
    expect(endpoints.length).toBeGreaterThan(5);
  });

  it('points editors at the schema from the top of every YAML file', () => {
    const yamlFiles = fs.readdirSync(SEED).filter((f) => f.endsWith('.yaml'));
    for (const file of yamlFiles) {
      const first = fs.readFileSync(path.join(SEED, file), 'utf8').split('\n')[0];
      expect({ file, first }).toEqual({ file, first: '# yaml-language-server: $schema=../src/config/schema.json' });
    }
    expect(fs.existsSync(path.join(SEED, '..', 'src', 'config', 'schema.json'))).toBe(true);
  });

  it('passes the published schema file by file, as an editor would check it', () => {
    const check = new Ajv({ allErrors: true }).compile(configSchema);
    for (const file of fs.readdirSync(SEED).filter((f) => /\.(ya?ml|json)$/.test(f))) {
      const valid = check(parse(fs.readFileSync(path.join(SEED, file), 'utf8')));
      expect({ file, valid, errors: check.errors ?? null }).toEqual({ file, valid: true, errors: null });
    }
  });

  it('shows the main features: path params, templates, a 201 echo and a body file', async () => {
    const { endpoints } = await loadOk(SEED);
    const all = JSON.stringify(endpoints.map((e) => e.def));
    for (const template of ['{{params.id}}', '{{faker \\"person.firstName\\"}}', '{{now}}', '{{body.name}}']) expect(all).toContain(template);
    const created = endpoints.find((e) => e.def.method === 'POST' && e.def.status === 201);
    expect(JSON.stringify(created?.def.response)).toContain('{{body.name}}');
    expect(endpoints.some((e) => e.def.path.includes('/:id'))).toBe(true);
    expect(endpoints.some((e) => e.bodyFile?.path.startsWith('__files/'))).toBe(true);
  });

  it('includes the seed JSON form of the spec as it stands', async () => {
    const { endpoints } = await loadOk(SEED);
    const seed = endpoints.find((e) => e.def.path === '/api/endpoint');
    expect(seed?.def).toMatchObject({ method: 'GET', response: { data: 'value' }, status: 200, latency_ms: 100, failure_rate: 0.1 });
  });
});
