/** Starts the original mock server (WireMock's standalone jar, the Mockoon CLI) on loopback for side-by-side tests. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface RunningTool {
  base: string;
  stop(): Promise<void>;
}

/** Why the tool cannot run here, or undefined when it can. */
export function wiremockUnavailable(): string | undefined {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    return 'no Java runtime (Debian package default-jre-headless)';
  }
  return wiremockJar() ? undefined : 'the wiremock npm package (its standalone jar) is not installed';
}

function wiremockJar(): string | undefined {
  const dir = path.join(path.dirname(require.resolve('wiremock/package.json')), 'build');
  const jar = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.jar')) : undefined;
  return jar ? path.join(dir, jar) : undefined;
}

function mockoonBin(): string | undefined {
  try {
    const pkg = require.resolve('@mockoon/cli/package.json');
    const bin = path.join(path.dirname(pkg), 'bin', 'run.js');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

export function mockoonUnavailable(): string | undefined {
  return mockoonBin() ? undefined : 'the @mockoon/cli npm package is not installed';
}

/** A port the OS has just handed out (for a tool that cannot report the port it chose itself). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves with the first match of `ready` in the child's output; rejects if it exits or times out first. */
function waitFor(child: ChildProcess, ready: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => done(new Error(`not ready within ${timeoutMs} ms:\n${seen.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = ready.exec(seen);
      if (m) done(undefined, m);
    };
    const onExit = (code: number | null) => done(new Error(`exited with ${code} before it was ready:\n${seen.slice(-2000)}`));
    function done(err?: Error, m?: RegExpExecArray) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(m!);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

export async function startWiremock(root: string): Promise<RunningTool> {
  const child = spawn('java', ['-jar', wiremockJar()!, '--root-dir', root, '--port', '0', '--bind-address', '127.0.0.1', '--disable-gzip'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = stopper(child);
  try {
    const m = await waitFor(child, /port:\s+(\d+)/, 60_000);
    return { base: `http://127.0.0.1:${m[1]}`, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export async function startMockoon(file: string): Promise<RunningTool> {
  const port = await freePort();
  const child = spawn(process.execPath, [mockoonBin()!, 'start', '--data', file, '--port', String(port), '--hostname', '127.0.0.1', '--disable-log-to-file', '--disable-admin-api'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = stopper(child);
  try {
    await waitFor(child, /Server started on port/, 60_000);
    return { base: `http://127.0.0.1:${port}`, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
