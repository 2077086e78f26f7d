/** The built CLI with --allow-plugins: the documented example plugin answers through a handler, and a plugin's stray rejection does not end the process. */
import fs from 'node:fs';
import path from 'node:path';
import { runCli, serveOnLoopback } from '../e2e/cli-process';
import { configFolder } from './harness';

const EXAMPLE = fs.readFileSync(path.join(__dirname, '../../config/plugins/example.mjs'), 'utf8');
const CARELESS = `export default {
  name: 'careless',
  onRequest(req) {
    if (req.path === '/forget') Promise.reject(new Error('nobody waits for me'));
  },
};
`;

describe('mockdock serve --allow-plugins (built CLI)', () => {
  const dir = configFolder({
    'mockdock.yaml': 'plugins: [plugins/example.mjs, plugins/careless.mjs]\n',
    'plugins/example.mjs': EXAMPLE,
    'plugins/careless.mjs': CARELESS,
    'dice.yaml': '- name: roll-dice\n  path: /api/dice/:sides\n  handler: rollDice\n- path: /forget\n  response: { ok: true }\n',
  });

  it('answers through the example plugin handler and hooks, and keeps serving after a stray rejection', async () => {
    const proc = await serveOnLoopback(['--config', dir, '--allow-plugins', '--seed', '7']);
    try {
      const first = await fetch(`${proc.url}/api/dice/6`);
      expect(first.status).toBe(200);
      expect(first.headers.get('x-example-plugin')).toBe('on');
      const body = (await first.json()) as { sides: number; roll: number; rolls: number };
      expect(body).toMatchObject({ sides: 6, rolls: 1 });
      expect(body.roll).toBeGreaterThanOrEqual(1);
      expect(body.roll).toBeLessThanOrEqual(6);
      expect(await (await fetch(`${proc.url}/v1/dice/20`)).json()).toMatchObject({ sides: 20, rolls: 2 });
      expect((await fetch(`${proc.url}/api/dice/6`, { headers: { 'X-Example-Block': 'yes' } })).status).toBe(403);
      expect((await fetch(`${proc.url}/forget`)).status).toBe(200);
      await proc.waitForLine(/unhandled promise rejection \(a plugin\?\), kept serving: nobody waits for me/);
      expect((await fetch(`${proc.url}/api/dice/2`)).status).toBe(200);
      const logs = (await (await fetch(`${proc.url}/__logs?endpoint=roll-dice`)).json()) as Array<{ status: number }>;
      expect(logs.map((e) => e.status)).toEqual([200, 200, 200]);
    } finally {
      await proc.stop();
    }
  });

  it('refuses to start without --allow-plugins, naming the flag and the line', async () => {
    const proc = runCli(['serve', '--config', dir, '--port', '0', '--host', '127.0.0.1']);
    const { code } = await proc.exited;
    expect(code).toBe(1);
    expect(proc.stderr()).toMatch(/mockdock\.yaml:1:\d+ .*--allow-plugins/);
  });
});
