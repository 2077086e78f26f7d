/** The batching that turns a burst of file events into one reload, on a fake clock. */
import { createPathBatch } from '../../src/config/watch-batch';

describe('createPathBatch', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const timing = { quietMs: 100, maxWaitMs: 500 };

  it('delivers a burst once, after the quiet period, with paths deduplicated and sorted', () => {
    const deliver = jest.fn();
    const batch = createPathBatch(timing, deliver);
    for (const p of ['b.yaml', 'a.yaml', 'b.yaml', '__files/x.json']) batch.add(p);
    jest.advanceTimersByTime(99);
    expect(deliver).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(deliver.mock.calls).toEqual([[['__files/x.json', 'a.yaml', 'b.yaml']]]);
  });

  it('restarts the quiet period with every new path', () => {
    const deliver = jest.fn();
    const batch = createPathBatch(timing, deliver);
    for (let i = 0; i < 4; i++) {
      batch.add(`f${i}.yaml`);
      jest.advanceTimersByTime(90);
    }
    expect(deliver).not.toHaveBeenCalled();
    jest.advanceTimersByTime(10);
    expect(deliver).toHaveBeenCalledTimes(1);
    expect(deliver.mock.calls[0][0]).toEqual(['f0.yaml', 'f1.yaml', 'f2.yaml', 'f3.yaml']);
  });

  it('starts a fresh batch after a delivery', () => {
    const deliver = jest.fn();
    const batch = createPathBatch(timing, deliver);
    batch.add('a.yaml');
    jest.advanceTimersByTime(100);
    batch.add('b.yaml');
    jest.advanceTimersByTime(100);
    expect(deliver.mock.calls).toEqual([[['a.yaml']], [['b.yaml']]]);
  });

  it('delivers an endless stream at the latest maxWaitMs after it began, and once more when it stops', () => {
    const deliver = jest.fn();
    const batch = createPathBatch(timing, deliver);
    for (let t = 0; t < 600; t += 50) {
      batch.add('busy.yaml');
      jest.advanceTimersByTime(50);
    }
    expect(deliver).toHaveBeenCalledTimes(1); // at 500 ms, while still busy
    jest.advanceTimersByTime(100);
    expect(deliver).toHaveBeenCalledTimes(2); // the stream has settled: one more reload
    expect(deliver.mock.calls[1][0]).toEqual(['busy.yaml']);
    jest.advanceTimersByTime(10_000);
    expect(deliver).toHaveBeenCalledTimes(2);
  });

  it('delivers nothing once cancelled', () => {
    const deliver = jest.fn();
    const batch = createPathBatch(timing, deliver);
    batch.add('a.yaml');
    batch.cancel();
    batch.add('b.yaml');
    jest.advanceTimersByTime(10_000);
    expect(deliver).not.toHaveBeenCalled();
  });
});
