import { compileFailurePicker, DEFAULT_SLOW_BODY_MS } from '../../src/behaviours/failure-picker';
import { createRandom } from '../../src/behaviours/random';
import { ErrorCodes } from '../../src/errors/codes';
import type { FailureSpec } from '../../src/model/endpoint';
import { counting, fixedRandom, locateFrom, noRandom } from './helpers';

const locate = locateFrom({ '/failure': 30, '/failure/1': 33, '/failure/1/kind': 34 });

function picker(failure: FailureSpec | FailureSpec[] | undefined) {
  const result = compileFailurePicker(failure, locate);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.pick;
}

function issuesOf(failure: unknown) {
  const result = compileFailurePicker(failure as FailureSpec, locate);
  if (result.ok) throw new Error('expected issues');
  return result.issues;
}

describe('compileFailurePicker', () => {
  it('answers a plain 500 when no failure is configured, without drawing', () => {
    expect(picker(undefined)(noRandom)).toEqual({ index: 0, spec: { kind: 'status', status: 500 } });
  });

  it('fills in kind status and status 500 for a single object', () => {
    expect(picker({ response: { error: 'boom' } })(noRandom)).toEqual({
      index: 0,
      spec: { kind: 'status', status: 500, response: { error: 'boom' } },
    });
  });

  it('keeps a configured status and gives slow_body a default duration', () => {
    expect(picker({ status: 503 })(noRandom).spec.status).toBe(503);
    expect(picker({ kind: 'slow_body' })(noRandom).spec).toEqual({ kind: 'slow_body', duration_ms: DEFAULT_SLOW_BODY_MS });
    expect(picker({ kind: 'slow_body', duration_ms: 800 })(noRandom).spec.duration_ms).toBe(800);
  });

  it('does not add a status to kinds that send none', () => {
    expect(picker({ kind: 'reset' })(noRandom).spec).toEqual({ kind: 'reset' });
  });

  it('uses no randomness for a one-item list', () => {
    expect(picker([{ kind: 'timeout' }])(noRandom)).toEqual({ index: 0, spec: { kind: 'timeout' } });
  });

  it('picks among several kinds by weight, with weights defaulting to 1', () => {
    const pick = picker([{ kind: 'reset', weight: 3 }, { kind: 'status', status: 503 }, { kind: 'empty', weight: 4 }]);
    const random = createRandom(5);
    const counts = [0, 0, 0];
    const n = 40000;
    for (let i = 0; i < n; i++) counts[pick(random).index]++;
    expect(counts[0] / n).toBeCloseTo(3 / 8, 2);
    expect(counts[1] / n).toBeCloseTo(1 / 8, 2);
    expect(counts[2] / n).toBeCloseTo(4 / 8, 2);
  });

  it('maps draws onto the cumulative weights', () => {
    const pick = picker([{ kind: 'reset', weight: 1 }, { kind: 'empty', weight: 3 }]);
    expect(pick(fixedRandom(0)).index).toBe(0);
    expect(pick(fixedRandom(0.2499)).index).toBe(0);
    expect(pick(fixedRandom(0.25)).index).toBe(1);
    expect(pick(fixedRandom(0.9999999)).index).toBe(1);
  });

  it('never picks an entry of weight 0, even at the top of the range', () => {
    const pick = picker([{ kind: 'reset' }, { kind: 'empty', weight: 0 }]);
    expect(pick(fixedRandom(0.9999999999)).index).toBe(0);
    expect(pick(fixedRandom(0)).index).toBe(0);
  });

  it('draws exactly one number per pick from a list', () => {
    const pick = picker([{ kind: 'reset' }, { kind: 'empty' }]);
    const random = counting(createRandom(1));
    for (let i = 0; i < 10; i++) pick(random);
    expect(random.draws).toBe(10);
  });

  it('returns the same picks for the same seed', () => {
    const pick = picker([{ kind: 'reset' }, { kind: 'empty' }, { kind: 'timeout' }]);
    const run = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 30 }, () => pick(random).index);
    };
    expect(run(8)).toEqual(run(8));
    expect(run(8)).not.toEqual(run(9));
  });

  it('rejects an unknown kind at its key, listing the kinds', () => {
    const [issue] = issuesOf([{ kind: 'reset' }, { kind: 'explode' }]);
    expect(issue).toMatchObject({ line: 34, code: ErrorCodes.CONFIG_BEHAVIOUR });
    expect(issue.message).toBe(
      'failure[1].kind must be one of: status, reset, timeout, empty, malformed, slow_body (got "explode")',
    );
  });

  it('reports every bad field of every entry', () => {
    const messages = issuesOf([
      { status: 700, weight: -1 },
      { kind: 'slow_body', duration_ms: -5 },
    ]).map((i) => i.message);
    expect(messages).toEqual([
      'failure[0].status must be an HTTP status from 100 to 599 (got 700)',
      'failure[0].weight must be a number >= 0 (got -1)',
      'failure[1].duration_ms must be a number of milliseconds >= 0 (got -5)',
    ]);
  });

  it('rejects an empty list, entries that are not objects and weights that add up to 0', () => {
    expect(issuesOf([])[0].message).toMatch(/^failure must list at least one failure/);
    expect(issuesOf([{ kind: 'reset' }, 'reset'])[0]).toMatchObject({ line: 33, message: expect.stringMatching(/^failure\[1\] must be an object/) });
    expect(issuesOf([{ weight: 0 }, { kind: 'reset', weight: 0 }])[0].message).toMatch(/weights that add up to 0/);
  });
});
