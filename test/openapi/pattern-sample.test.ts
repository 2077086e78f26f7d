/** Strings generated from `pattern`: each one must match, or there is none. */
import { patternSample } from '../../src/openapi/pattern-sample';

test.each([
  ['^\\d+\\.\\d+$'],
  ['^#[0-9a-fA-F]{6}$'],
  ['^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z-]+)?$'],
  ['^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$'],
  ['^(foo|bar)-\\w{3}$'],
  ['[A-Z]{2}[0-9]{3}'],
  ['^\\u00e9t\\x41$'],
])('a sample for %s matches it', (pattern) => {
  const sample = patternSample(pattern);
  expect(sample).toBeDefined();
  expect(new RegExp(pattern, 'u').test(sample!)).toBe(true);
});

test('length bounds are honoured', () => {
  const sample = patternSample('^[a-z]+$', 5, 10)!;
  expect(sample).toMatch(/^[a-z]{5,10}$/);
});

test('patterns it cannot satisfy give no sample rather than a wrong one', () => {
  expect(patternSample('^(\\w)\\1$')).toBeUndefined();
  expect(patternSample('^(?=.*[A-Z])(?=.*\\d).{8,}$')).toBeUndefined();
  expect(patternSample('([')).toBeUndefined();
});
