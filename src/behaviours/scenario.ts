/**
 * Scenarios: state machines walked by requests. `scenario` names one, `when_state` makes an endpoint match only
 * in one state (the matcher reads the states, see handle-request), `set_state` moves it after the answer.
 * Each session has its own state of every scenario, kept in the store.
 */
import type { EndpointDefinition, LoadedEndpoint } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import type { BehaviourDefinition } from '../model/pipeline';
import type { ResponsePlan } from '../model/response-plan';
import { INITIAL_SCENARIO_STATE, type MaybePromise, type StateStore } from '../model/state';
import { ErrorCodes } from '../errors/codes';
import { all, then } from '../util/maybe';
import { issueAt } from './issue';

const STATE_KEY = 'state';

/** Where a scenario's state lives in the store (per session). */
export function scenarioScope(name: string): string {
  return `scenario:${name}`;
}

/** The current state of one scenario in one session. */
export function scenarioState(store: StateStore, session: string | null, name: string): MaybePromise<string> {
  return then(store.scope(session, scenarioScope(name)).get<string>(STATE_KEY), (s) => s ?? INITIAL_SCENARIO_STATE);
}

export function setScenarioState(store: StateStore, session: string | null, name: string, state: string): MaybePromise<void> {
  return store.scope(session, scenarioScope(name)).set(STATE_KEY, state);
}

/** The states of the named scenarios in one session, as the lookup the matcher takes. */
export function readScenarioStates(store: StateStore, session: string | null, catalog: ReadonlyMap<string, readonly string[]>): MaybePromise<(scenario: string) => string> {
  const names = [...catalog.keys()];
  return then(all(names.map((n) => store.scope(session, scenarioScope(n)).get<string>(STATE_KEY))), (states) => {
    const byName = new Map<string, string>();
    names.forEach((n, i) => {
      if (states[i] !== undefined) byName.set(n, states[i] as string);
    });
    return (scenario: string) => byName.get(scenario) ?? INITIAL_SCENARIO_STATE;
  });
}

/** Every scenario of the set and the states its endpoints name (`started` first, then in load order). */
export function scenarioCatalog(defs: readonly EndpointDefinition[]): Map<string, string[]> {
  const catalog = new Map<string, string[]>();
  for (const def of defs) {
    if (typeof def.scenario !== 'string') continue;
    let states = catalog.get(def.scenario);
    if (!states) catalog.set(def.scenario, (states = [INITIAL_SCENARIO_STATE]));
    for (const s of [def.when_state, def.set_state]) if (typeof s === 'string' && !states.includes(s)) states.push(s);
  }
  return catalog;
}

/** Warnings: a `when_state` that no endpoint of its scenario leads to can be reached only through the admin API. */
function review(endpoints: readonly LoadedEndpoint[]): ConfigIssue[] {
  const reached = new Map<string, Set<string>>();
  for (const { def } of endpoints) {
    if (typeof def.scenario !== 'string' || typeof def.set_state !== 'string') continue;
    if (!reached.has(def.scenario)) reached.set(def.scenario, new Set());
    reached.get(def.scenario)!.add(def.set_state);
  }
  const warnings: ConfigIssue[] = [];
  for (const { def, locate } of endpoints) {
    const { scenario, when_state: when } = def;
    if (typeof scenario !== 'string' || typeof when !== 'string' || when === INITIAL_SCENARIO_STATE) continue;
    if (reached.get(scenario)?.has(when)) continue;
    const why = reached.has(scenario)
      ? `no endpoint of scenario ${JSON.stringify(scenario)} has set_state: ${when}`
      : `no endpoint moves scenario ${JSON.stringify(scenario)} (none has set_state)`;
    warnings.push(issueAt(locate, '/when_state', `${JSON.stringify(when)} is never reached: ${why}, so only PUT /__scenarios/${scenario} gets there`, ErrorCodes.CONFIG_SCENARIO));
  }
  return warnings;
}

const stateName = { type: 'string', minLength: 1, pattern: '\\S' };

export const scenarioBehaviour: BehaviourDefinition = {
  name: 'scenario',
  keys: {
    scenario: { $ref: '#/definitions/scenario' },
    when_state: { $ref: '#/definitions/whenState' },
    set_state: { $ref: '#/definitions/setState' },
  },
  definitions: {
    scenario: { title: 'Scenario', description: 'Name of a state machine this endpoint belongs to; every scenario starts in state `started` (and returns to it on POST /__reset).', ...stateName, examples: ['checkout'] },
    whenState: { title: 'When state', description: 'This endpoint matches only while its scenario is in this state.', ...stateName, examples: ['started', 'paid'] },
    setState: { title: 'Set state', description: 'After answering, the scenario moves to this state.', ...stateName, examples: ['paid'] },
  },
  review,
  compile(ctx) {
    const { scenario, when_state: when, set_state: next } = ctx.def;
    if (scenario === undefined && (when !== undefined || next !== undefined)) {
      const key = when !== undefined ? '/when_state' : '/set_state';
      return { ok: false, issues: [issueAt(ctx.locate, key, 'needs scenario: the name of the state machine it belongs to, e.g. scenario: checkout', ErrorCodes.CONFIG_SCENARIO)] };
    }
    if (scenario === undefined || next === undefined) return { ok: true, value: null };
    // A fault that cuts the answer off (reset, timeout, empty, malformed) means the client never got it.
    const move = (x: { store: StateStore; session: string | null }) => (plan: ResponsePlan) => {
      if (plan.failure !== undefined && plan.failure.kind !== 'slow_body') return;
      void setScenarioState(x.store, x.session, scenario, next);
    };
    return {
      ok: true,
      value: {
        name: 'set_state',
        run(x) {
          (x.after ??= []).push(move(x));
        },
      },
    };
  },
};
