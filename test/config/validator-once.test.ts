import { loadConfig } from '../../src/config/load-config';
import { fixture } from './fixtures';

const mockAjv = { instances: 0 };

jest.mock('ajv', () => {
  const actual = jest.requireActual('ajv');
  class CountingAjv extends actual.default {
    constructor(...args: unknown[]) {
      super(...args);
      mockAjv.instances++;
    }
  }
  return { ...actual, __esModule: true, default: CountingAjv };
});

describe('the schema validator', () => {
  it('is compiled once per process, however many files and loads there are', async () => {
    await loadConfig(fixture('shapes'));
    await loadConfig(fixture('order'));
    await loadConfig(fixture('schema-errors'));
    expect(mockAjv.instances).toBe(1);
  });
});
