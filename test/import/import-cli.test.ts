/** The built CLI: `mockdock import` exit codes and lines, and the folder it writes passes `mockdock validate`. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../e2e/cli-process';

const FIXTURES = path.join(__dirname, '../fixtures/import');
let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'mockdock-import-cli-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = runCli(args);
  const { code } = await proc.exited;
  return { code, stdout: proc.stdout(), stderr: proc.stderr() };
}

describe('mockdock import (the built CLI)', () => {
  // One kind through the real process is enough: the others take the same command path (tested in process).
  it.each([['wiremock', 'wiremock']])('imports %s into --out, exits 0, and mockdock validate accepts the config root', async (kind, src) => {
    const config = path.join(work, 'config');
    const imported = await run(['import', kind, path.join(FIXTURES, src), '--out', path.join(config, 'imported')]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(new RegExp(`^mockdock import ${kind}: \\d+ endpoints from \\d+ stubs written to .*not carried$`, 'm'));
    const validated = await run(['validate', config]);
    expect(validated.stdout).toMatch(/^ok: \d+ endpoints in \d+ files under /);
    expect(validated.code).toBe(0);
  });

  it('exits 1 with one clear line for a missing source and for an unknown kind', async () => {
    const missing = await run(['import', 'mockoon', path.join(work, 'nope.json'), '--out', path.join(work, 'config/imported')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^mockdock import mockoon: cannot import .*nope\.json: ENOENT/);
    const unknown = await run(['import', 'soapui', 'x.xml']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('mockdock import: unknown kind "soapui"; use one of wiremock, mockoon, postman, har\n');
  });
});
