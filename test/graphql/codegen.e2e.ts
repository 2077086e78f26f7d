/** Slow end to end (spawns the codegen CLI): run by `npm run test:e2e-graphql`, not `npm test`. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type LiveServer, startLive } from './live-server';

const run = promisify(execFile);
const CODEGEN = path.join(__dirname, '../../node_modules/@graphql-codegen/cli/cjs/bin.js');

describe('GraphQL Code Generator against the live endpoint', () => {
  let live: LiveServer;
  let dir: string;

  beforeAll(async () => {
    live = await startLive();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-codegen-'));
  });
  afterAll(async () => {
    await live.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generates TypeScript types from the schema it introspects', async () => {
    const config = path.join(dir, 'codegen.json');
    fs.writeFileSync(config, JSON.stringify({ overwrite: true, schema: live.url, generates: { [path.join(dir, 'types.ts')]: { plugins: ['typescript'] } } }));
    await run(process.execPath, [CODEGEN, '--config', config], { cwd: path.join(__dirname, '../..'), timeout: 60_000 });
    const types = fs.readFileSync(path.join(dir, 'types.ts'), 'utf8');
    expect(types).toMatch(/export type User = \{/);
    expect(types).toMatch(/role: Role;/);
    expect(types).toMatch(/export enum Role \{\s*Admin = 'ADMIN'/);
    expect(types).toMatch(/export type Subscription = \{/);
  }, 60_000);
});
