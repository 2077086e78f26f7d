import { MemoryStore } from '../../src/state/memory-store';

const rec = (tag: string) => ({ tag });

describe('keyed maps in the memory store', () => {
  it('writes conditionally in one step: absent, present, or over one version', () => {
    const s = new MemoryStore().scope(null, 'ep');
    expect(s.mapPut('m', 'a', rec('1'), 'present')).toBe('missing');
    expect(s.mapPut('m', 'a', rec('1'), 'absent')).toBe('written');
    expect(s.mapPut('m', 'a', rec('2'), 'absent')).toBe('exists');
    expect(s.mapPut('m', 'a', rec('2'), { tag: 'old' })).toBe('stale');
    expect(s.mapPut('m', 'a', rec('2'), { tag: '1' })).toBe('written');
    expect(s.mapGet('m', 'a')).toEqual(rec('2'));
    expect(s.mapDelete('m', 'a', { tag: '1' })).toBe('stale');
    expect(s.mapDelete('m', 'a', 'always')).toBe('written');
    expect(s.mapDelete('m', 'a', 'always')).toBe('missing');
  });

  it('keeps the order fields were first written, and replaces the whole map at once', () => {
    const s = new MemoryStore().scope(null, 'ep');
    s.mapReplace('m', [['b', rec('b')], ['a', rec('a')]]);
    s.mapPut('m', 'c', rec('c'), 'always');
    s.mapPut('m', 'b', rec('b2'), 'always');
    expect(s.mapValues('m')).toEqual([rec('b2'), rec('a'), rec('c')]);
    expect(s.mapSize('m')).toBe(3);
  });

  it('keeps maps apart per session and per scope, and forgets a reset session', () => {
    const store = new MemoryStore();
    store.scope('s1', 'ep').mapPut('m', 'a', rec('1'), 'always');
    expect(store.scope('s2', 'ep').mapGet('m', 'a')).toBeUndefined();
    expect(store.scope('s1', 'other').mapGet('m', 'a')).toBeUndefined();
    store.reset(0, 's1');
    expect(store.scope('s1', 'ep').mapSize('m')).toBe(0);
  });
});
