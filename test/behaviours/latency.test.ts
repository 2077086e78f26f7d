import { compileLatency, MAX_DELAY_MS, type LatencySampler } from '../../src/behaviours/latency';
import { createRandom } from '../../src/behaviours/random';
import { ErrorCodes } from '../../src/errors/codes';
import type { LatencySpec } from '../../src/model/endpoint';
import { draw, FILE, locateFrom, mean, median, noRandom } from './helpers';

const locate = locateFrom({ '/latency_ms': 7, '/latency_ms/stddev': 9, '/sequence/2/latency_ms': 20 });

function sampler(spec: LatencySpec): LatencySampler {
  const result = compileLatency(spec, locate, '/latency_ms');
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  if (result.sample === null) throw new Error('no sampler');
  return result.sample;
}

function samples(spec: LatencySpec, n = 20000, seed = 11): number[] {
  const sample = sampler(spec);
  const random = createRandom(seed);
  return draw(n, () => sample(random));
}

function issuesOf(spec: unknown, pointer = '/latency_ms') {
  const result = compileLatency(spec as LatencySpec, locate, pointer);
  if (result.ok) throw new Error('expected issues');
  return result.issues;
}

describe('compileLatency', () => {
  it('returns no sampler when latency_ms is not set', () => {
    expect(compileLatency(undefined, locate, '/latency_ms')).toEqual({ ok: true, sample: null });
  });

  it('waits a fixed number of milliseconds without drawing randomness', () => {
    expect(sampler(250)(noRandom)).toBe(250);
  });

  it('keeps an explicit 0 as a sampler so it can override an endpoint latency', () => {
    expect(sampler(0)(noRandom)).toBe(0);
  });

  it('spreads a [min, max] range evenly over its bounds', () => {
    const values = samples([100, 200]);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...values)).toBeLessThan(200);
    expect(Math.min(...values)).toBeLessThan(101);
    expect(Math.max(...values)).toBeGreaterThan(199);
    expect(mean(values)).toBeCloseTo(150, -1);
    expect(values.filter((v) => v < 125).length / values.length).toBeCloseTo(0.25, 1);
  });

  it('treats {distribution: uniform} like a range', () => {
    expect(samples({ distribution: 'uniform', min: 100, max: 200 }, 500)).toEqual(samples([100, 200], 500));
  });

  it('centres a normal distribution on its mean with its stddev', () => {
    const values = samples({ distribution: 'normal', mean: 500, stddev: 50 });
    const m = mean(values);
    const sd = Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
    expect(m).toBeGreaterThan(495);
    expect(m).toBeLessThan(505);
    expect(sd).toBeGreaterThan(47);
    expect(sd).toBeLessThan(53);
  });

  it('never goes below 0 when a normal spread reaches past zero', () => {
    const values = samples({ distribution: 'normal', mean: 10, stddev: 50 });
    expect(Math.min(...values)).toBe(0);
    expect(values.some((v) => v > 10)).toBe(true);
  });

  it('puts the median of a lognormal distribution at its median parameter, with a long right tail', () => {
    const values = samples({ distribution: 'lognormal', median: 200, sigma: 0.5 });
    expect(median(values)).toBeGreaterThan(194);
    expect(median(values)).toBeLessThan(206);
    expect(Math.min(...values)).toBeGreaterThan(0);
    // mean of a lognormal is median·e^(σ²/2) ≈ 226.6
    expect(mean(values)).toBeGreaterThan(220);
    expect(mean(values)).toBeLessThan(233);
  });

  it('caps a delay at the longest timer Node can set', () => {
    const values = samples({ distribution: 'lognormal', median: 1000, sigma: 50 }, 200);
    expect(Math.max(...values)).toBe(MAX_DELAY_MS);
    expect(sampler(1e12)(noRandom)).toBe(MAX_DELAY_MS);
  });

  it('draws the same delays for the same seed', () => {
    const spec: LatencySpec = { distribution: 'normal', mean: 100, stddev: 30 };
    expect(samples(spec, 50, 3)).toEqual(samples(spec, 50, 3));
    expect(samples(spec, 50, 3)).not.toEqual(samples(spec, 50, 4));
  });

  it('rejects a negative delay at the latency_ms key', () => {
    const [issue] = issuesOf(-5);
    expect(issue).toMatchObject({ file: FILE, line: 7, code: ErrorCodes.CONFIG_BEHAVIOUR });
    expect(issue.message).toMatch(/^latency_ms must be a number of milliseconds >= 0/);
  });

  it('rejects a range whose min is above its max and says to swap them', () => {
    expect(issuesOf([300, 100])[0].message).toBe('latency_ms has min 300 greater than max 100; swap them');
    expect(issuesOf({ distribution: 'uniform', min: 3, max: 1 })[0].message).toMatch(/swap/);
  });

  it('rejects a range that is not two numbers', () => {
    expect(issuesOf([1, 2, 3])[0].message).toMatch(/must be \[min, max\]/);
    expect(issuesOf([1, -2])[0].message).toMatch(/^latency_ms\[1\] must be/);
  });

  it('rejects a negative stddev at the stddev key', () => {
    const [issue] = issuesOf({ distribution: 'normal', mean: 100, stddev: -1 });
    expect(issue).toMatchObject({ line: 9, code: ErrorCodes.CONFIG_BEHAVIOUR });
    expect(issue.message).toMatch(/^latency_ms\.stddev must be a number >= 0 \(got -1\)/);
  });

  it('reports every missing parameter of a distribution', () => {
    const messages = issuesOf({ distribution: 'lognormal' }).map((i) => i.message);
    expect(messages).toEqual([
      'latency_ms.median must be a number >= 0 (got nothing)',
      'latency_ms.sigma must be a number >= 0 (got nothing)',
    ]);
  });

  it('names the known distributions when given an unknown one', () => {
    expect(issuesOf({ distribution: 'poisson', mean: 1 })[0].message).toBe(
      'latency_ms.distribution must be one of: normal, lognormal, uniform (got "poisson")',
    );
  });

  it('rejects values of the wrong type', () => {
    expect(issuesOf('100ms')[0].message).toMatch(/must be milliseconds, \[min, max\] or \{distribution/);
  });

  it('names a sequence step in its messages and places them there', () => {
    const [issue] = issuesOf(-1, '/sequence/2/latency_ms');
    expect(issue.line).toBe(20);
    expect(issue.message).toMatch(/^sequence\[2\]\.latency_ms must be/);
  });
});
