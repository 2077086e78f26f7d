import { compileFailureSchedule, type FailureScheduleDef, type FailureSchedule } from '../../src/behaviours/failure-schedule';
import { createRandom } from '../../src/behaviours/random';
import { ErrorCodes } from '../../src/errors/codes';
import { counting, fixedRandom, locateFrom, noRandom } from './helpers';

const T0 = 1_700_000_000_000; // the load time the fake clock starts from
const s = (seconds: number) => T0 + seconds * 1000;
const locate = locateFrom({ '/failure_rate': 4, '/every': 5, '/outage': 6, '/outage/repeat_s': 8 });

function schedule(def: FailureScheduleDef): FailureSchedule {
  const result = compileFailureSchedule(def, T0, locate);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  if (result.schedule === null) throw new Error('no schedule');
  return result.schedule;
}

function issuesOf(def: unknown) {
  const result = compileFailureSchedule(def as FailureScheduleDef, T0, locate);
  if (result.ok) throw new Error('expected issues');
  return result.issues;
}

const failures = (sched: FailureSchedule, n: number, at = T0) =>
  Array.from({ length: n }, () => sched.shouldFail(at, noRandom));

describe('compileFailureSchedule', () => {
  it('returns no schedule when nothing can fail', () => {
    expect(compileFailureSchedule({}, T0, locate)).toEqual({ ok: true, schedule: null });
    expect(compileFailureSchedule({ failure_rate: 0 }, T0, locate)).toEqual({ ok: true, schedule: null });
  });

  it('fails about failure_rate of the requests', () => {
    const sched = schedule({ failure_rate: 0.3 });
    const random = createRandom(21);
    let failed = 0;
    for (let i = 0; i < 20000; i++) if (sched.shouldFail(T0, random)) failed++;
    expect(failed / 20000).toBeCloseTo(0.3, 1);
    expect(Math.abs(failed / 20000 - 0.3)).toBeLessThan(0.015);
  });

  it('fails a request when its draw is below the rate', () => {
    const sched = schedule({ failure_rate: 0.25 });
    expect(sched.shouldFail(T0, fixedRandom(0.2499))).toBe(true);
    expect(sched.shouldFail(T0, fixedRandom(0.25))).toBe(false);
  });

  it('draws one number per request when failure_rate is set, none otherwise', () => {
    const random = counting(createRandom(3));
    const sched = schedule({ failure_rate: 0.5, every: 2 });
    for (let i = 0; i < 10; i++) sched.shouldFail(T0, random);
    expect(random.draws).toBe(10);
    expect(failures(schedule({ every: 2 }), 4)).toEqual([false, true, false, true]);
  });

  it('fails every request at failure_rate 1 without drawing', () => {
    expect(failures(schedule({ failure_rate: 1 }), 5)).toEqual([true, true, true, true, true]);
  });

  it('fails every Nth request', () => {
    expect(failures(schedule({ every: 3 }), 9)).toEqual([false, false, true, false, false, true, false, false, true]);
    expect(failures(schedule({ every: 1 }), 3)).toEqual([true, true, true]);
  });

  it('fails during one outage window that starts after_s after load and lasts for_s', () => {
    const sched = schedule({ outage: { after_s: 10, for_s: 5 } });
    const at = (sec: number) => sched.shouldFail(s(sec), noRandom);
    expect([at(0), at(9.999), at(10), at(14.999), at(15), at(70), at(1000)]).toEqual([
      false, false, true, true, false, false, false,
    ]);
  });

  it('opens a new outage window every repeat_s after the first one started', () => {
    const sched = schedule({ outage: { after_s: 10, for_s: 5, repeat_s: 60 } });
    const at = (sec: number) => sched.shouldFail(s(sec), noRandom);
    expect([at(9), at(12), at(16), at(69.9), at(70), at(74.9), at(75), at(130), at(3610)]).toEqual([
      false, true, false, false, true, true, false, true, true,
    ]);
  });

  it('starts an outage at once with after_s 0', () => {
    const sched = schedule({ outage: { after_s: 0, for_s: 1 } });
    expect([sched.shouldFail(s(0), noRandom), sched.shouldFail(s(1), noRandom)]).toEqual([true, false]);
  });

  it('does not fail before the load time when the clock steps back', () => {
    expect(schedule({ outage: { after_s: 0, for_s: 5 } }).shouldFail(s(-1), noRandom)).toBe(false);
  });

  it('restarts the outage clock and the every count on reset', () => {
    const sched = schedule({ every: 3, outage: { after_s: 10, for_s: 5 } });
    sched.shouldFail(s(1), noRandom);
    sched.shouldFail(s(2), noRandom);
    sched.reset(s(100));
    const at = (sec: number) => sched.shouldFail(s(sec), noRandom);
    // count starts again: the third request after the reset fails, not the first
    expect([at(101), at(105), at(106)]).toEqual([false, false, true]);
    expect([at(110), at(115)]).toEqual([true, false]); // outage at 100 + 10
  });

  it('fails when any of outage, every and failure_rate says so', () => {
    const sched = schedule({ failure_rate: 0.1, every: 2, outage: { after_s: 10, for_s: 5 } });
    const high = fixedRandom(0.9);
    expect(sched.shouldFail(s(0), high)).toBe(false);
    expect(sched.shouldFail(s(0), high)).toBe(true); // every 2nd
    expect(sched.shouldFail(s(11), high)).toBe(true); // outage
    expect(sched.shouldFail(s(0), fixedRandom(0.05))).toBe(true); // rate
  });

  it('keeps counting every even while an outage fails requests', () => {
    const sched = schedule({ every: 2, outage: { after_s: 0, for_s: 1 } });
    expect([sched.shouldFail(s(0), noRandom), sched.shouldFail(s(2), noRandom), sched.shouldFail(s(3), noRandom)]).toEqual([
      true, true, false,
    ]);
  });

  it('rejects a failure_rate outside 0..1 and an every that is not a whole number >= 1', () => {
    const issues = issuesOf({ failure_rate: 1.5, every: 0 });
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [4, 'failure_rate must be a number from 0 to 1 (got 1.5)'],
      [5, 'every must be a whole number >= 1 (got 0)'],
    ]);
    expect(issues[0].code).toBe(ErrorCodes.CONFIG_BEHAVIOUR);
    expect(issuesOf({ every: 2.5 })[0].message).toMatch(/^every must be a whole number/);
  });

  it('rejects outage windows that make no sense', () => {
    expect(issuesOf({ outage: { after_s: -1, for_s: 0 } }).map((i) => i.message)).toEqual([
      'outage.after_s must be a number of seconds >= 0 (got -1)',
      'outage.for_s must be a number of seconds > 0 (got 0)',
    ]);
    const [repeat] = issuesOf({ outage: { after_s: 0, for_s: 10, repeat_s: 10 } });
    expect(repeat.line).toBe(8);
    expect(repeat.message).toMatch(/^outage\.repeat_s \(10\) must be greater than for_s \(10\)/);
    expect(issuesOf({ outage: 30 })[0].message).toMatch(/^outage must be \{after_s, for_s, repeat_s\?\}/);
  });
});
