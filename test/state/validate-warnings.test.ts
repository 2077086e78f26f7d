import path from 'node:path';
import { runCli } from '../e2e/cli-process';
import { tempFolder } from '../config/fixtures';

describe('mockdock validate on state config', () => {
  it('prints a warning with file, line and column for a when_state nothing leads to, and still exits 0', async () => {
    const { dir, cleanup } = tempFolder({
      'flow.yaml': '- { path: /a, scenario: s, set_state: one }\n- path: /b\n  scenario: s\n  when_state: two\n',
    });
    try {
      const proc = runCli(['validate', dir]);
      expect((await proc.exited).code).toBe(0);
      expect(proc.stdout().split('\n')).toEqual([
        `${path.join(dir, 'flow.yaml')}:4:3 warning: when_state "two" is never reached: no endpoint of scenario "s" has set_state: two, so only PUT /__scenarios/s gets there`,
        expect.stringMatching(/^ok: 2 endpoints in 1 files/),
        '',
      ]);
    } finally {
      cleanup();
    }
  });

  it('checks the state fixtures clean', async () => {
    for (const name of ['state-checkout', 'state-crud', 'state-cache']) {
      const proc = runCli(['validate', path.join(__dirname, '../fixtures', name)]);
      expect({ name, code: (await proc.exited).code, out: proc.stdout() }).toEqual({ name, code: 0, out: expect.stringMatching(/^ok: /) });
    }
  });
});
