import { DropNotice } from '../../src/webhooks/drop-notice';
import { ManualClock } from './support';

describe('the notice of dropped webhooks', () => {
  it('says so at the first drop, then once a second with the count since, and stops when drops stop', async () => {
    const clock = new ManualClock();
    const lines: number[] = [];
    const notice = new DropNotice(clock, (n) => lines.push(n), 1_000);
    for (let i = 0; i < 5_000; i++) notice.drop();
    expect(lines).toEqual([1]);
    await clock.advance(1_000);
    expect(lines).toEqual([1, 4_999]);
    notice.drop();
    await clock.advance(1_000);
    expect(lines).toEqual([1, 4_999, 1]);
    await clock.advance(5_000);
    expect(lines).toEqual([1, 4_999, 1]);
    expect(clock.pendingTimers).toBe(0);
    notice.drop();
    expect(lines).toEqual([1, 4_999, 1, 1]);
  });
});
