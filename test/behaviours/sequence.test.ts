import { checkSequence, createSequence } from '../../src/behaviours/sequence';
import { ErrorCodes } from '../../src/errors/codes';
import type { SequenceStep } from '../../src/model/endpoint';
import { locateFrom } from './helpers';

const take = (cursor: { next(): number }, n: number) => Array.from({ length: n }, () => cursor.next());
const locate = locateFrom({ '/sequence': 12, '/sequence/1': 14, '/sequence_mode': 18 });

describe('createSequence', () => {
  it('loops back to the first step after the last', () => {
    expect(take(createSequence(3, 'loop'), 7)).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });

  it('stays on the last step in stick mode', () => {
    expect(take(createSequence(3, 'stick'), 6)).toEqual([0, 1, 2, 2, 2, 2]);
  });

  it('serves the only step of a one-step sequence forever', () => {
    expect(take(createSequence(1, 'loop'), 3)).toEqual([0, 0, 0]);
    expect(take(createSequence(1, 'stick'), 3)).toEqual([0, 0, 0]);
  });

  it('starts again from the first step after reset', () => {
    for (const mode of ['loop', 'stick'] as const) {
      const cursor = createSequence(3, mode);
      take(cursor, 4);
      cursor.reset();
      expect(take(cursor, 2)).toEqual([0, 1]);
    }
  });

  it('refuses an empty sequence as a programming error', () => {
    expect(() => createSequence(0, 'loop')).toThrow(RangeError);
  });
});

describe('checkSequence', () => {
  it('accepts a list of steps and either mode', () => {
    expect(checkSequence({ sequence: [{ status: 503 }, { status: 200 }], sequence_mode: 'stick' }, locate)).toEqual([]);
    expect(checkSequence({}, locate)).toEqual([]);
  });

  it('rejects an empty list, a step that is not an object and an unknown mode', () => {
    expect(checkSequence({ sequence: [] }, locate)[0]).toMatchObject({
      line: 12,
      code: ErrorCodes.CONFIG_BEHAVIOUR,
      message: expect.stringMatching(/^sequence must be a list of at least one step/),
    });
    const issues = checkSequence({ sequence: [{ status: 503 }, 200 as unknown as SequenceStep], sequence_mode: 'random' }, locate);
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [14, 'sequence[1] must be an object with status, response, headers or latency_ms (got 200)'],
      [18, 'sequence_mode must be loop or stick (got "random")'],
    ]);
  });
});
