import { ErrorCodes } from '../../src/errors/codes';
import { loadConfig } from '../../src/config/load-config';
import { fixture, loadIssues, tempFolder } from './fixtures';

describe('syntax errors', () => {
  it('reports broken YAML at the parser\'s line and column', async () => {
    const result = await loadConfig(fixture('broken-yaml'));
    expect(result).toMatchObject({
      ok: false,
      files: ['ok.yaml', 'users.invalid.yaml'],
      issues: [
        {
          file: 'users.invalid.yaml',
          line: 5,
          col: 1,
          code: ErrorCodes.CONFIG_PARSE,
          pointer: '',
          message: 'invalid YAML: all mapping items must start at the same column',
        },
      ],
    });
  });

  it('reports broken JSON at the offending token, in JSON\'s own words', async () => {
    expect(await loadIssues(fixture('broken-json'))).toEqual([
      'literal.invalid.json:3:28 invalid JSON: unresolved plain scalar "tru"',
      "users.invalid.json:5:5 invalid JSON: expected ',' or '}' after property value",
    ]);
  });

  it('rejects a repeated key in YAML and in JSON, naming the key', async () => {
    expect(await loadIssues(fixture('duplicate-key'))).toEqual([
      'dup.invalid.json:3:26 invalid JSON: duplicate key "id"',
      'dup.invalid.yaml:3:3 invalid YAML: duplicate key "status"',
    ]);
  });

  it('asks for one document per file', async () => {
    const { dir, cleanup } = tempFolder({ 'two.yaml': '- path: /a\n---\n- path: /b\n' });
    try {
      expect(await loadIssues(dir)).toEqual(['two.yaml:2:1 invalid YAML: a file holds one document; split the part after "---" into its own file']);
    } finally {
      cleanup();
    }
  });

  it('reports a JSON file cut short at its end', async () => {
    const { dir, cleanup } = tempFolder({ 'cut.json': '[\n  { "path": "/a" },\n' });
    try {
      expect(await loadIssues(dir)).toEqual(['cut.json:3:1 invalid JSON: unexpected end of JSON input']);
    } finally {
      cleanup();
    }
  });

  it('rejects YAML merge keys with a pointer to defaults', async () => {
    const yaml = '- &base\n  path: /a\n  status: 201\n- <<: *base\n  path: /b\n';
    const { dir, cleanup } = tempFolder({ 'merge.yaml': yaml });
    try {
      expect(await loadIssues(dir)).toEqual(['merge.yaml:4:3 YAML merge keys ("<<") are not supported; put shared keys under "defaults"']);
    } finally {
      cleanup();
    }
  });
});
