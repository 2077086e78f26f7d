import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { handleRequest } from '../../src/engine/handle-request';
import { loadConfig } from '../../src/config/load-config';
import { compileEndpointSet } from '../../src/engine/compile-endpoint-set';
import { BEHAVIOURS } from '../../src/engine/capabilities';
import { Registry } from '../../src/registry/registry';
import type { BehaviourDefinition } from '../../src/model/pipeline';
import type { MockRequest } from '../../src/model/request';
import type { ResponsePlan } from '../../src/model/response-plan';

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-pipeline-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const get = (p: string, headers: Record<string, string> = {}): MockRequest => ({ method: 'GET', path: p, query: {}, headers, body: undefined, ip: '127.0.0.1' });
const statusOf = (plan: ResponsePlan | Promise<ResponsePlan>) => (plan as ResponsePlan).status;

/** The exercise the design asks for: a behaviour in its own file, registered with one line. */
const mockDelayHeader: BehaviourDefinition = {
  name: 'x_mock_delay',
  keys: {},
  compile: () => ({
    ok: true,
    value: {
      name: 'x_mock_delay',
      run(x) {
        const ms = Number(x.req.headers['x-mock-delay']);
        if (Number.isFinite(ms) && ms > 0) x.latency = () => ms;
      },
    },
  }),
};

describe('the pipeline', () => {
  it('takes a new behaviour from its own definition and one registration line', async () => {
    const loaded = await loadConfig(folder({ 'api.yaml': '- path: /x\n  response: hi\n' }));
    if (!loaded.ok) throw new Error('config did not load');
    const compiled = compileEndpointSet(loaded.endpoints, { seed: 1, now: 0, behaviours: [...BEHAVIOURS, mockDelayHeader] });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
    const plan = handleRequest(compiled.set, get('/x', { 'x-mock-delay': '250' }), 0) as ResponsePlan;
    expect(plan.delayMs).toBe(250);
    expect((handleRequest(compiled.set, get('/x'), 0) as ResponsePlan).delayMs).toBe(0);
  });

  it('keeps a sequence walking across a reload that leaves it unchanged, and restarts one that changed', async () => {
    const dir = folder({ 'api.yaml': '- path: /s\n  sequence: [{status: 201}, {status: 202}, {status: 203}]\n- path: /t\n  response: x\n' });
    const first = await buildEndpointSet(dir, { seed: 1 });
    if (!first.ok) throw new Error('no set');
    const registry = new Registry(dir, first.set, { seed: 1 });
    expect(statusOf(handleRequest(registry.current, get('/s'), 0))).toBe(201);
    fs.appendFileSync(path.join(dir, 'api.yaml'), '- path: /u\n  response: y\n');
    expect((await registry.reload()).ok).toBe(true);
    expect(statusOf(handleRequest(registry.current, get('/s'), 0))).toBe(202);
    fs.writeFileSync(path.join(dir, 'api.yaml'), '- path: /s\n  sequence: [{status: 301}, {status: 302}]\n');
    expect((await registry.reload()).ok).toBe(true);
    expect(statusOf(handleRequest(registry.current, get('/s'), 0))).toBe(301);
  });

  it('gives each test session its own sequence position, and the default session its own', async () => {
    const built = await buildEndpointSet(folder({ 'api.yaml': '- path: /s\n  sequence: [{status: 201}, {status: 202}]\n' }), { seed: 1 });
    if (!built.ok) throw new Error('no set');
    const set = built.set;
    const as = (id?: string) => statusOf(handleRequest(set, get('/s', id ? { 'x-mockdock-session': id } : {}), 0));
    expect([as('a'), as('a'), as('b'), as(), as('b'), as()]).toEqual([201, 202, 201, 201, 202, 202]);
  });

  it('reads server settings from mockdock.yaml, and names file and line of a bad key', async () => {
    const good = await buildEndpointSet(folder({ 'mockdock.yaml': 'sessions:\n  header: X-Test-Id\n', 'api.yaml': '- path: /s\n  sequence: [{status: 201}, {status: 202}]\n' }), { seed: 1 });
    if (!good.ok) throw new Error(JSON.stringify(good.issues));
    expect(good.set.endpoints).toHaveLength(1);
    expect(statusOf(handleRequest(good.set, get('/s', { 'x-test-id': 'a' }), 0))).toBe(201);
    expect(statusOf(handleRequest(good.set, get('/s', { 'x-test-id': 'b' }), 0))).toBe(201);

    const bad = await buildEndpointSet(folder({ 'mockdock.yaml': 'sessions:\n  hedaer: X\n', 'api.yaml': '- path: /s\n' }), { seed: 1 });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues[0]).toMatchObject({ file: 'mockdock.yaml', line: 2 });
    expect(bad.issues[0].message).toMatch(/hedaer/);
  });

  it('lets flags win over mockdock.yaml, key by key', async () => {
    const built = await buildEndpointSet(folder({ 'mockdock.yaml': 'sessions:\n  header: X-From-File\n', 'api.yaml': '- path: /s\n' }), {
      seed: 1,
      settingsOverrides: { sessions: { header: 'X-From-Flag' } },
    });
    if (!built.ok) throw new Error('no set');
    expect(built.set.sessionHeader).toBe('x-from-flag');
  });

  it('serves endpoints from another source beside the files, and keeps them through a reload of the files', async () => {
    const dir = folder({ 'api.yaml': '- path: /file\n  response: f\n' });
    const first = await buildEndpointSet(dir, { seed: 1 });
    if (!first.ok) throw new Error('no set');
    const registry = new Registry(dir, first.set, { seed: 1 });
    const source = { file: 'runtime', line: 1, col: 1 };
    const runtime = { def: { path: '/rt', method: 'GET', name: 'rt', response: 'r' }, source, order: 0, locate: () => source };
    expect((await registry.setSource('runtime', [runtime])).ok).toBe(true);
    expect(statusOf(handleRequest(registry.current, get('/rt'), 0))).toBe(200);
    fs.writeFileSync(path.join(dir, 'api.yaml'), '- path: /file2\n  response: g\n');
    expect((await registry.reload()).ok).toBe(true);
    expect(registry.current.endpoints.map((e) => e.name).sort()).toEqual(['GET /file2', 'rt']);
  });
});
