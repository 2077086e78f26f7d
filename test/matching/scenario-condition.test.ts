import { compileEndpoints } from '../../src/matching/compile-endpoints';
import { scanMatch } from '../../src/matching/scan';
import { ep, matcherOf, req, type TestEndpoint } from './make-endpoint';

const inState = (scenario: string, state: string, e: TestEndpoint): TestEndpoint => ({ ...e, whenState: { scenario, state } });

const endpoints = () => [
  inState('flow', 'started', ep('GET', '/cart', { name: 'empty' })),
  inState('flow', 'paid', ep('GET', '/cart', { name: 'paid' })),
  inState('other', 'on', ep('GET', '/cart', { name: 'other-on', priority: 5 })),
  ep('GET', '/cart/:id', { name: 'item' }),
];

describe('scenario conditions in the matcher', () => {
  it('takes the endpoint whose scenario is in its state, as the states the caller hands in say', () => {
    const m = matcherOf(endpoints());
    expect(m.usesStates).toBe(true);
    expect(m.match(req('GET', '/cart'), () => 'started')?.endpoint.name).toBe('empty');
    expect(m.match(req('GET', '/cart'), (s) => (s === 'flow' ? 'paid' : 'started'))?.endpoint.name).toBe('paid');
    expect(m.match(req('GET', '/cart'), (s) => (s === 'other' ? 'on' : 'x'))?.endpoint.name).toBe('other-on');
    expect(m.match(req('GET', '/cart'), () => 'shipped')).toBeNull();
  });

  it('treats every scenario as started when no states are handed in', () => {
    expect(matcherOf(endpoints()).match(req('GET', '/cart'))?.endpoint.name).toBe('empty');
  });

  it('agrees with the plain scan', () => {
    const compiled = compileEndpoints(endpoints());
    if (!compiled.ok) throw new Error('config');
    const m = matcherOf(endpoints());
    for (const state of ['started', 'paid', 'on', 'none']) {
      const states = () => state;
      for (const path of ['/cart', '/cart/1']) {
        expect(m.match(req('GET', path), states)?.endpoint.name ?? null).toBe(scanMatch(compiled.entries, req('GET', path), states)?.endpoint.name ?? null);
      }
    }
  });

  it('names the scenario and both states among the reasons of a near miss', () => {
    const m = matcherOf(endpoints());
    const near = m.closest(req('GET', '/cart'), 4, () => 'shipped');
    expect(near.find((n) => n.name === 'paid')?.reasons).toEqual(['scenario "flow" is in state "shipped", not "paid"']);
  });

  it('reports no scenario users when no endpoint has a condition', () => {
    expect(matcherOf([ep('GET', '/a')]).usesStates).toBe(false);
  });
});
