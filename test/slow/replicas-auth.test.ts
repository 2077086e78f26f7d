/**
 * Replicas sharing Redis (no --seed) sign with the same keys: a token one replica issues is accepted by the
 * others and verifies against any replica's JWKS (jose's remote JWK set, as an API would check it), and a key
 * rotation asked of one replica is followed by all. Needs Debian's redis-server; run with `npm run test:slow`.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { serveOnLoopback, type CliProcess } from '../e2e/cli-process';
import { freePort, redisUp, startRedis, until } from '../helpers/redis-process';

jest.setTimeout(60_000);

const tools = spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;
if (!tools && process.env.CI) throw new Error('replicas auth test: redis-server is needed in CI (.ci/run installs it)');
const describeWithRedis = tools ? describe : describe.skip;

async function mint(url: string): Promise<string> {
  const res = await fetch(`${url}/__auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"scope":"read"}' });
  return ((await res.json()) as { access_token: string }).access_token;
}

const call = async (url: string, token: string) => (await fetch(`${url}/orders`, { headers: { authorization: `Bearer ${token}` } })).status;

describeWithRedis('the built-in OIDC provider across replicas sharing Redis', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-replicas-auth-'));
  let redis: ChildProcess;
  const replicas: Array<CliProcess & { url: string }> = [];

  beforeAll(async () => {
    const config = path.join(tmp, 'config');
    fs.mkdirSync(config);
    fs.writeFileSync(path.join(config, 'api.yaml'), '- path: /orders\n  auth: { jwt: { scopes: [read] } }\n  response: { ok: true }\n');
    const port = await freePort();
    redis = startRedis(port);
    await until('redis', () => redisUp(port));
    // one public URL, as behind a load balancer: the issuer every replica names and accepts
    const publicUrl = 'http://mock.example.test';
    for (let i = 0; i < 3; i++) {
      replicas.push(await serveOnLoopback(['--config', config, '--no-watch', '--store', `redis://127.0.0.1:${port}`, '--public-url', publicUrl]));
    }
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    redis?.kill('SIGKILL');
  });

  it('accepts on every replica a token another replica issued, and it verifies against any replica’s JWKS', async () => {
    const token = await mint(replicas[0].url);
    expect(await call(replicas[1].url, token)).toBe(200);
    expect(await call(replicas[2].url, token)).toBe(200);
    const jwks = createRemoteJWKSet(new URL(`${replicas[2].url}/__auth/jwks.json`));
    await expect(jwtVerify(token, jwks)).resolves.toBeDefined();
  });

  it('rotates the keys of every replica when one is asked to, and tokens from before still verify', async () => {
    const before = await mint(replicas[1].url);
    const rotated = await fetch(`${replicas[0].url}/__auth/rotate`, { method: 'POST' });
    expect(rotated.status).toBe(200);
    const { kid } = (await rotated.json()) as { kid: string };
    // the others follow on the announcement: wait until their new tokens carry the new kid
    const rotatedOn = (r: { url: string }) =>
      until('a replica to follow the rotation', async () => {
        const t = await mint(r.url);
        return decodeProtectedHeader(t).kid === kid ? t : undefined;
      });
    await rotatedOn(replicas[1]);
    const after = await rotatedOn(replicas[2]);
    expect(await call(replicas[1].url, after)).toBe(200);
    expect(await call(replicas[0].url, after)).toBe(200);
    expect(await call(replicas[2].url, before)).toBe(200);
  });
});
