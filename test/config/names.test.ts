import { assignNames } from '../../src/config/assign-names';
import { ErrorCodes } from '../../src/errors/codes';
import { loadConfig } from '../../src/config/load-config';
import { fixture, loadOk } from './fixtures';

describe('endpoint names', () => {
  it('defaults to "METHOD path", made unique with #2, #3 … in load order, never taking a written name', async () => {
    const { endpoints } = await loadOk(fixture('names'));
    expect(endpoints.map((e) => `${e.source.file}:${e.source.line} ${e.def.name}`)).toEqual([
      'a.yaml:1 GET /x',
      'a.yaml:2 GET /x #2',
      'a.yaml:3 POST /x',
      'a.yaml:5 GET /y',
      'a.yaml:7 GET /y #2',
      'a.yaml:8 GET /x #3',
      'b.yaml:1 GET /x #4',
    ]);
  });

  it('reports two equal written names as an error naming both places', async () => {
    const result = await loadConfig(fixture('duplicate-names'));
    expect(result).toMatchObject({
      ok: false,
      files: ['a.yaml', 'b.yaml'],
      issues: [
        {
          file: 'b.yaml',
          line: 2,
          col: 3,
          code: ErrorCodes.CONFIG_DUPLICATE_NAME,
          pointer: '/1/name',
          message: 'duplicate name "orders": already used by the endpoint at a.yaml:1:3',
        },
      ],
    });
  });

  it('stays linear when thousands of endpoints share one method and path', () => {
    const requests = Array.from({ length: 5000 }, () => ({ method: 'GET', path: '/same' }));
    const { names, duplicates } = assignNames(requests);
    expect(duplicates).toEqual([]);
    expect(new Set(names).size).toBe(5000);
    expect(names[4999]).toBe('GET /same #5000');
  });

  it('reports every repeat of a written name against its first use', () => {
    const { duplicates } = assignNames([
      { explicit: 'a', method: 'GET', path: '/1' },
      { explicit: 'a', method: 'GET', path: '/2' },
      { explicit: 'a', method: 'GET', path: '/3' },
    ]);
    expect(duplicates).toEqual([
      { index: 1, first: 0 },
      { index: 2, first: 0 },
    ]);
  });
});
