import fc from 'fast-check';
import { isoDate, isoTime } from '../../src/response/iso-time';

describe('ISO time formatting', () => {
  test('matches Date#toISOString across the four-digit-year range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62167219200000, max: 253402300799999 }), (ms) => {
        expect(isoTime(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  test('matches Date#toISOString at leap days, year ends and the epoch', () => {
    for (const ms of [0, -1, Date.UTC(2000, 1, 29), Date.UTC(1900, 2, 1) - 1, Date.UTC(2024, 11, 31, 23, 59, 59, 999), Date.UTC(1, 0, 1), Date.UTC(-1, 0, 1) + 0]) {
      if (ms >= -62167219200000) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
  });

  test('falls back to Date outside that range and gives nothing for non-numbers', () => {
    expect(isoTime(8.64e15)).toBe('+275760-09-13T00:00:00.000Z');
    expect(isoTime(Number.NaN)).toBe('');
    expect(isoDate(Number.POSITIVE_INFINITY)).toBe('');
  });

  test('the date is the first ten characters', () => {
    expect(isoDate(Date.UTC(2024, 1, 29, 23, 59))).toBe('2024-02-29');
  });
});
