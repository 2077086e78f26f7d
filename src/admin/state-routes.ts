/** Built-in routes of state: scenarios (read, set) and CRUD collections (list, read), for one session at a time. */
import type { Context } from 'koa';
import type { RouteTable } from './route-table';
import type { Registry } from '../registry/registry';
import { scenarioState, setScenarioState } from '../behaviours/scenario';
import { isCrudResponder } from '../responders/crud';

interface StateDeps {
  registry: Registry;
}

/** `?session=ID` names a test session; without it, the default session (requests without the header). */
function sessionOf(ctx: Context): string | null {
  const s = ctx.query.session;
  const one = Array.isArray(s) ? s[0] : s;
  return one === undefined || one === '' ? null : one;
}

function fail(ctx: Context, status: number, error: string, extra?: Record<string, unknown>): void {
  ctx.status = status;
  ctx.body = { error, ...extra };
}

export function addStateRoutes(deps: StateDeps, table: RouteTable): void {
  table.add('get', '/__scenarios', async (ctx) => {
    const set = deps.registry.current;
    const session = sessionOf(ctx);
    ctx.body = await Promise.all([...set.scenarios].map(async ([name, states]) => ({ name, state: await scenarioState(set.store, session, name), states })));
  });

  table.add('put', '/__scenarios/:name', async (ctx) => {
    const set = deps.registry.current;
    const name = (ctx as Context & { params: Record<string, string> }).params.name;
    const states = set.scenarios.get(name);
    if (states === undefined) return fail(ctx, 404, `no scenario named ${JSON.stringify(name)}`, { scenarios: [...set.scenarios.keys()] });
    const body = (ctx.request as { body?: unknown }).body;
    const state = typeof body === 'object' && body !== null ? (body as { state?: unknown }).state : undefined;
    if (typeof state !== 'string') return fail(ctx, 400, 'send {"state": "..."} as JSON', { states });
    if (!states.includes(state)) return fail(ctx, 400, `scenario ${JSON.stringify(name)} has no state ${JSON.stringify(state)}: no endpoint names it`, { states });
    await setScenarioState(set.store, sessionOf(ctx), name, state);
    ctx.body = { name, state, states };
  });

  const collections = () => deps.registry.current.endpoints.flatMap((ep) => (isCrudResponder(ep.responder) ? [{ ep, responder: ep.responder }] : []));

  table.add('get', '/__collections', async (ctx) => {
    const set = deps.registry.current;
    const session = sessionOf(ctx);
    ctx.body = await Promise.all(
      collections().map(async ({ ep, responder }) => {
        const items = await responder.collection.items(set.store.scope(session, ep.name));
        return { name: ep.name, path: ep.def.path, size: items.length };
      }),
    );
  });

  table.add('get', '/__collections/:name', async (ctx) => {
    const set = deps.registry.current;
    const name = (ctx as Context & { params: Record<string, string> }).params.name;
    const found = collections().find((c) => c.ep.name === name);
    if (found === undefined) return fail(ctx, 404, `no collection named ${JSON.stringify(name)}`, { collections: collections().map((c) => c.ep.name) });
    ctx.body = await found.responder.collection.items(set.store.scope(sessionOf(ctx), name));
  });
}
