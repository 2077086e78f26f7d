/** Loading plugins: only with --allow-plugins, only from inside the config folder, only the right shape; a bad one keeps the last good config. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { buildOptions, capturingLogger, configFolder, pluginApp, writeFile } from './harness';

const GREETER = (greeting: string) => `export default { name: 'greeter', handlers: { greet: (req) => ({ body: { greeting: '${greeting}' } }) } };\n`;
const ENDPOINT = '- path: /greet\n  handler: greet\n';

async function issuesOf(files: Record<string, string>, allow = true) {
  const built = await buildEndpointSet(configFolder(files), buildOptions(capturingLogger(), { allow }));
  return built.ok ? [] : built.issues;
}

describe('loading plugins', () => {
  it('without --allow-plugins a plugins list is a config error naming the flag', async () => {
    const issues = await issuesOf({ 'mockdock.yaml': '# settings\nplugins:\n  - plugins/greeter.mjs\n', 'plugins/greeter.mjs': GREETER('hi'), 'a.yaml': ENDPOINT }, false);
    expect(issues).toContainEqual(expect.objectContaining({ file: 'mockdock.yaml', line: 2, code: 'E_CONFIG_PLUGIN', message: expect.stringContaining('--allow-plugins (or MOCKDOCK_ALLOW_PLUGINS=true)') }));
  });

  it('refuses a plugin path outside the config folder, at its line', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-outside-'));
    fs.writeFileSync(path.join(outside, 'evil.mjs'), GREETER('evil'));
    try {
      const issues = await issuesOf({ 'mockdock.yaml': `plugins:\n  - ../${path.basename(outside)}/evil.mjs\n  - ${path.join(outside, 'evil.mjs')}\n` });
      expect(issues.map((i) => [i.line, i.message])).toEqual([
        [2, expect.stringMatching(/is outside the config folder/)],
        [3, expect.stringMatching(/is outside the config folder/)],
      ]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses a link inside the folder that points outside it', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-outside-'));
    fs.writeFileSync(path.join(outside, 'evil.mjs'), GREETER('evil'));
    const dir = configFolder({ 'mockdock.yaml': 'plugins: [plugins/link.mjs]\n' });
    fs.mkdirSync(path.join(dir, 'plugins'));
    fs.symlinkSync(path.join(outside, 'evil.mjs'), path.join(dir, 'plugins/link.mjs'));
    try {
      const built = await buildEndpointSet(dir, buildOptions(capturingLogger()));
      expect(built.ok ? [] : built.issues.map((i) => i.message)).toEqual([expect.stringMatching(/links outside the config folder/)]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it.each([
    ['a module that does not parse', 'export default {\n  name: "x",\n  handlers: { greet() { return ; } ) }\n};\n', /failed to import \(plugins\/p\.mjs:3\): .*(Unexpected|SyntaxError|token)/],
    ['a module that throws while loading', 'throw new Error("cannot start");\n', /failed to import \(plugins\/p\.mjs:1\): cannot start/],
    ['no default export', 'export const name = "x";\n', /has no default export/],
    ['a default export without a name', 'export default { onRequest() {} };\n', /needs a `name`/],
    ['a hook that is not a function', 'export default { name: "x", onRequest: 3 };\n', /onRequest must be a function, not number/],
    ['a misspelt hook', 'export default { name: "x", onRequets() {} };\n', /has "onRequets", which mockdock does not know/],
  ])('%s is a config error at its list entry', async (_what, source, message) => {
    const issues = await issuesOf({ 'mockdock.yaml': 'plugins: [plugins/p.mjs]\n', 'plugins/p.mjs': source });
    expect(issues).toEqual([expect.objectContaining({ file: 'mockdock.yaml', line: 1, code: 'E_CONFIG_PLUGIN', message: expect.stringMatching(message) })]);
  });

  it('a plugin that fails to import at reload keeps the last good config serving', async () => {
    const dir = configFolder({ 'mockdock.yaml': 'plugins: [plugins/greeter.mjs]\n', 'plugins/greeter.mjs': GREETER('hello'), 'a.yaml': ENDPOINT });
    const { app, registry } = await pluginApp(dir);
    await request(app.callback()).get('/greet').expect(200, { greeting: 'hello' });
    writeFile(dir, 'plugins/greeter.mjs', 'export default { name: "greeter", handlers: { greet( } };\n');
    const result = await registry.reload();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ file: 'mockdock.yaml', line: 1, message: expect.stringContaining('failed to import') });
    await request(app.callback()).get('/greet').expect(200, { greeting: 'hello' });
    writeFile(dir, 'plugins/greeter.mjs', GREETER('fixed'));
    expect((await registry.reload()).ok).toBe(true);
    await request(app.callback()).get('/greet').expect(200, { greeting: 'fixed' });
  });

  it('an admin API endpoint may use a loaded handler but can load no code', async () => {
    const dir = configFolder({ 'mockdock.yaml': 'plugins: [plugins/greeter.mjs]\n', 'plugins/greeter.mjs': GREETER('hi') });
    const { app } = await pluginApp(dir);
    await request(app.callback()).post('/__endpoints').send({ name: 'runtime-greet', path: '/rt', handler: 'greet' }).expect(201);
    await request(app.callback()).get('/rt').expect(200, { greeting: 'hi' });
    const refused = await request(app.callback()).post('/__endpoints').send({ path: '/rt2', plugins: ['plugins/greeter.mjs'] });
    expect(refused.status).toBe(400);
  });

  it('mockdock.yaml schema lists plugins as module files', async () => {
    const issues = await issuesOf({ 'mockdock.yaml': 'plugins: [plugins/p.py]\n' });
    expect(issues[0]).toMatchObject({ file: 'mockdock.yaml', line: 1, code: 'E_CONFIG_SCHEMA' });
  });
});
