/** Shared by the hot-reload e2e tests: a keep-alive client that notices dropped connections, deadlines, and config layouts on disk. */
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serveOnLoopback, type CliProcess } from './cli-process';

/** SPEC §4: in force within 1 s with native events, within the poll interval + 1 s with --poll. */
export const NATIVE_WITHIN_MS = 1000;
export const POLL_MS = 100;
export const POLL_WITHIN_MS = POLL_MS + 1000;
/** How long a test waits for something before failing: well past the promise, still quick. */
export const DEADLINE_MS = 5000;

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** Keep-alive connections for the whole test; counts every connection closed under it before close(). */
export class Client {
  private readonly agent: http.Agent;
  private closing = false;
  readonly sockets = new Set<net.Socket>();
  dropped = 0;

  constructor(
    private readonly base: string,
    connections = 1,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  }

  request(method: string, route: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.base}${route}`, { method, agent: this.agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on('error', reject);
      });
      req.on('socket', (socket) => {
        if (this.sockets.has(socket)) return;
        this.sockets.add(socket);
        socket.once('close', () => {
          if (!this.closing) this.dropped += 1;
        });
      });
      req.on('error', reject);
      req.end();
    });
  }

  get(route: string): Promise<Answer> {
    return this.request('GET', route);
  }

  /** `{status} {body}`: what a test compares. */
  async show(route: string): Promise<string> {
    const res = await this.get(route);
    return `${res.status} ${res.text}`;
  }

  close(): void {
    this.closing = true;
    this.agent.destroy();
  }
}

/**
 * Asks `probe` until it returns true, and returns how long that took from `since` (by default,
 * now). Fails after DEADLINE_MS, showing the last string the probe returned.
 */
export async function until(what: string, probe: () => Promise<boolean | string>, since = performance.now()): Promise<number> {
  let last: boolean | string = false;
  while (performance.now() - since < DEADLINE_MS) {
    last = await probe();
    if (last === true) return performance.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${what}: still not so after ${DEADLINE_MS} ms${typeof last === 'string' ? `; last saw ${last}` : ''}`);
}

/** Waits until `route` answers `expected` (`{status} {body}`); returns how long that took. */
export function answers(client: Client, route: string, expected: string, since?: number): Promise<number> {
  const probe = async () => {
    const seen = await client.show(route);
    return seen === expected || seen;
  };
  return until(`GET ${route} answers ${expected}`, probe, since);
}

/** Waits until `route` answers 404; returns how long that took. */
export function gone(client: Client, route: string, since?: number): Promise<number> {
  return until(`GET ${route} answers 404`, async () => (await client.get(route)).status === 404, since);
}

export async function reloadCounts(client: Client): Promise<{ success: number; error: number }> {
  const text = (await client.get('/metrics')).text;
  const count = (result: string) =>
    Number(new RegExp(`^mockdock_config_reloads_total\\{result="${result}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  return { success: count('success'), error: count('error') };
}

export function endpointYaml(route: string, response: unknown, extra = ''): string {
  return `- path: ${route}\n  response: ${JSON.stringify(response)}\n${extra}`;
}

let saves = 0;
/** What most editors and tools do: write a temp file beside the original, then rename it over it. */
export function saveByRename(file: string, text: string): void {
  saves += 1;
  const temp = `${file}.${process.pid}.${saves}.tmp`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

let stamps = 0;
/**
 * Creates or updates `root` as the kubelet does a ConfigMap volume: keys are links through
 * `..data`, which links to a timestamped folder. An update writes a new folder, renames a new
 * link over `..data` (the one atomic step), adds and drops key links, and deletes the old folder.
 */
export function writeConfigMap(root: string, files: Record<string, string>): void {
  stamps += 1;
  const folder = `..2026_01_01_00_00_00.${String(stamps).padStart(9, '0')}`;
  fs.mkdirSync(path.join(root, folder));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, folder, name), text);
  const data = path.join(root, '..data');
  const old = fs.existsSync(data) ? fs.readlinkSync(data) : undefined;
  const oldKeys = old ? fs.readdirSync(path.join(root, old)) : [];
  fs.symlinkSync(folder, path.join(root, '..data_tmp'));
  fs.renameSync(path.join(root, '..data_tmp'), data);
  for (const name of Object.keys(files)) {
    if (!oldKeys.includes(name)) fs.symlinkSync(path.join('..data', name), path.join(root, name));
  }
  for (const name of oldKeys) if (!(name in files)) fs.unlinkSync(path.join(root, name));
  if (old) fs.rmSync(path.join(root, old), { recursive: true });
}

/** inotify instances the process holds, read from /proc; undefined where there is no /proc. */
export function inotifyInstances(pid: number): number | undefined {
  const fds = `/proc/${pid}/fd`;
  if (!fs.existsSync(fds)) return undefined;
  return fs.readdirSync(fds).filter((fd) => {
    try {
      return fs.readlinkSync(path.join(fds, fd)) === 'anon_inode:inotify';
    } catch {
      return false;
    }
  }).length;
}

export function linesMatching(proc: CliProcess, pattern: RegExp): string[] {
  return proc.stdout().split('\n').filter((line) => pattern.test(line));
}

export interface Scratch {
  /** A temp config folder holding `files` (paths may have sub-folders); removed after the test. */
  dir(files?: Record<string, string>): string;
  /** `mockdock serve --config dir ...flags` and a client for it; both stopped after the test. */
  serve(dir: string, ...flags: string[]): Promise<{ proc: CliProcess & { url: string }; client: Client }>;
}

/** Call at the top of a test file: what each test makes through it is cleaned up after it. */
export function useScratch(): Scratch {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    dir(files = {}) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-reload-'));
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
      }
      return dir;
    },
    async serve(dir, ...flags) {
      const proc = await serveOnLoopback(['--config', dir, ...flags]);
      cleanups.push(() => proc.stop());
      const client = new Client(proc.url);
      cleanups.push(() => client.close());
      return { proc, client };
    },
  };
}
