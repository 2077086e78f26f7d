import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runCli, serveOnLoopback } from './cli-process';

const basic = path.join(__dirname, '../fixtures/server-basic');

function tempConfig(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-e2e-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('the mockdock CLI', () => {
  it('serves a config folder and prints one start line with address, endpoint count and folder', async () => {
    const proc = await serveOnLoopback(['--config', basic, '--no-watch']);
    try {
      const start = JSON.parse(proc.stdout().split('\n')[0]);
      expect(start.msg).toMatch(/^mockdock listening on http:\/\/127\.0\.0\.1:\d+ with 6 endpoints from .*server-basic/);
      expect(start).toMatchObject({ endpoints: 6, level: 30 });
      expect(typeof start.seed).toBe('number');
      const res = await fetch(`${proc.url}/api/users/9`);
      expect(await res.json()).toEqual({ id: '9', name: 'Ada', q: '' });
    } finally {
      await proc.stop();
    }
  });

  it('takes its settings from environment variables', async () => {
    const proc = runCli(['serve'], { MOCKDOCK_CONFIG: basic, PORT: '0', HOST: '127.0.0.1', MOCKDOCK_WATCH: 'false', MOCKDOCK_SEED: '77' });
    try {
      const start = JSON.parse(await proc.waitForLine(/listening/));
      expect(start).toMatchObject({ seed: 77, watch: 'off', endpoints: 6 });
    } finally {
      await proc.stop();
    }
  });

  it('exits 1 with one clear line when the port is already in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const proc = runCli(['serve', '--config', basic, '--port', String(port), '--host', '127.0.0.1', '--no-watch']);
      const { code } = await proc.exited;
      expect(code).toBe(1);
      expect(proc.stderr().trim()).toBe(`mockdock: port ${port} is already in use on 127.0.0.1: stop what uses it or choose another with --port / PORT`);
    } finally {
      blocker.close();
    }
  });

  it('exits 1 at start-up on a broken config, naming file, line and problem', async () => {
    const dir = tempConfig({ 'users.yaml': '- path: /users\n  status: 99\n' });
    const proc = runCli(['serve', '--config', dir, '--port', '0', '--no-watch']);
    const { code } = await proc.exited;
    expect(code).toBe(1);
    expect(proc.stderr()).toMatch(/users\.yaml:2:\d+ .*status/);
  });

  it('exits 1 on a bad flag value, naming the flag', async () => {
    const proc = runCli(['serve', '--config', basic, '--port', 'abc']);
    expect((await proc.exited).code).toBe(1);
    expect(proc.stderr()).toContain('--port must be a whole number');
  });

  it('stops on SIGTERM after letting a request sleeping on latency finish, and exits 0', async () => {
    const dir = tempConfig({ 'slow.yaml': '- path: /slow\n  latency_ms: 400\n  response: { done: true }\n' });
    const proc = await serveOnLoopback(['--config', dir, '--no-watch', '--log-level', 'trace']);
    const pending = fetch(`${proc.url}/slow`);
    await proc.waitForLine(/"msg":"request received"/);
    proc.child.kill('SIGTERM');
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    const { code } = await proc.exited;
    expect(code).toBe(0);
    expect(proc.stdout()).toMatch(/"msg":"stopped"/);
  });

  describe('validate', () => {
    it('exits 0 and says how many endpoints it found on a clean folder', async () => {
      const proc = runCli(['validate', basic]);
      expect((await proc.exited).code).toBe(0);
      expect(proc.stdout()).toMatch(/^ok: 6 endpoints in 1 files/);
    });

    it('prints file:line:col message for every problem and exits 1', async () => {
      const dir = tempConfig({
        'a.yaml': '- path: /a\n  lantency_ms: 5\n- path: /b\n  status: 1000\n',
        'b.json': '{ "path": "/c", "response": "{{nope}}" }',
        'c.yaml': 'endpoints:\n  - path: /d\n    response: [unclosed\n',
      });
      const proc = runCli(['validate', dir]);
      expect((await proc.exited).code).toBe(1);
      const lines = proc.stdout().trim().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(4);
      expect(lines.some((l) => /a\.yaml:2:3 .*lantency_ms/.test(l))).toBe(true);
      expect(lines.some((l) => /a\.yaml:4:\d+ .*status/.test(l))).toBe(true);
      expect(lines.some((l) => /b\.json:1:\d+ .*nope/.test(l))).toBe(true);
      expect(lines.some((l) => /c\.yaml:\d+:\d+ /.test(l))).toBe(true);
    });
  });

  it('prints the config JSON Schema', async () => {
    const proc = runCli(['schema']);
    expect((await proc.exited).code).toBe(0);
    const schema = JSON.parse(proc.stdout());
    expect(JSON.stringify(schema)).toContain('latency_ms');
  });

  it('prints its version', async () => {
    const proc = runCli(['--version']);
    expect((await proc.exited).code).toBe(0);
    expect(proc.stdout().trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
