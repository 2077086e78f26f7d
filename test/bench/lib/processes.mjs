// Starting and stopping measured servers: CPU pinning, free ports, readiness by polling, resident memory.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';

/** Which cores to use: the server on the first, the load generator on the second, when taskset and 2 cores exist. */
export function pinning(enabled) {
  const cores = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
  const taskset = spawnSync('taskset', ['--version'], { encoding: 'utf8' });
  const hasTaskset = taskset.status === 0;
  if (!enabled) return { active: false, reason: 'disabled with --no-pin', cores };
  if (!hasTaskset) return { active: false, reason: 'taskset not found: server and load generator share all cores', cores };
  if (cores < 2) return { active: false, reason: `only ${cores} core: server and load generator share it`, cores };
  return { active: true, serverCpu: 0, clientCpu: 1, cores, reason: 'server on cpu 0, load generator on cpu 1' };
}

/** Moves this process (every thread, and the threads it starts later) to the load generator's core. */
export function pinSelf(pin) {
  if (!pin.active) return;
  const r = spawnSync('taskset', ['-a', '-p', '-c', String(pin.clientCpu), String(process.pid)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`taskset could not pin the load generator: ${r.stderr}`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** One HTTP exchange on a fresh connection; never throws for a refused connection (status 0). */
export function httpRequest(url, { method = 'GET', body, headers = {}, timeoutMs = 5000 } = {}) {
  return new Promise((resolve) => {
    const req = http.request(url, { method, headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: 0, body: '', error: err.message }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Polls `url` until it answers 200; resolves with the milliseconds it took from `since`. */
export async function waitFor200(url, { since = performance.now(), timeoutMs = 30_000, child } = {}) {
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`exited with code ${child.exitCode} before answering`);
    const r = await httpRequest(url, { timeoutMs: 2000 });
    if (r.status === 200) return performance.now() - since;
    if (performance.now() - since > timeoutMs) throw new Error(`no 200 from ${url} within ${timeoutMs} ms (last status ${r.status})`);
    await new Promise((res) => setTimeout(res, 5));
  }
}

function childrenOf(pid) {
  const out = [];
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // the process has gone, or /proc is not there
  }
  return out;
}

/** Resident memory of a process and all its descendants, in MiB (null where /proc is missing). */
export function rssMiB(pid) {
  let kib = 0;
  let seen = false;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) {
        kib += Number(m[1]);
        seen = true;
      }
    } catch {
      continue;
    }
    stack.push(...childrenOf(p));
  }
  return seen ? Math.round((kib / 1024) * 10) / 10 : null;
}

/**
 * Spawns a server (pinned to the server core) and waits for `readyPath` to answer 200.
 * Returns a handle with the start-up time (spawn → first 200), its resident memory, and stop().
 */
export async function startProcess({ name, command, args, cwd, env, port, readyPath, pin, timeoutMs = 60_000 }) {
  const argv = pin.active ? ['-c', String(pin.serverCpu), command, ...args] : args;
  const bin = pin.active ? 'taskset' : command;
  const since = performance.now();
  const child = spawn(bin, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let tail = '';
  const keep = (chunk) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  let startupMs;
  try {
    startupMs = await waitFor200(base + readyPath, { since, timeoutMs, child });
  } catch (err) {
    stopChild(child);
    throw new Error(`${name} did not start: ${err.message}\n${tail}`);
  }
  return {
    name,
    pid: child.pid,
    base,
    startupMs,
    child,
    output: () => tail,
    rss: () => rssMiB(child.pid),
    stop: () => stopChild(child),
  };
}

/**
 * Starts the built CLI with `serve` arguments that include `--port 0` (pinned to the server core when `pin` is
 * active) and resolves with the child and the URL it prints in its "listening" line.
 */
export function startServing(cli, args, pin = { active: false }) {
  const argv = [cli, 'serve', ...args];
  const child = pin.active ? spawn('taskset', ['-c', String(pin.serverCpu), process.execPath, ...argv], { stdio: ['ignore', 'pipe', 'inherit'] }) : spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      const line = text.split('\n').find((l) => l.includes('mockdock listening on'));
      if (line) resolve({ child, url: JSON.parse(line).url });
    });
    child.once('exit', (code) => reject(new Error(`mockdock exited (${code}) before listening`)));
    setTimeout(() => reject(new Error('mockdock did not start within 10 s')), 10_000).unref();
  });
}

/** SIGTERM to the process group this bench started; SIGKILL after 5 s if it lingers. */
export function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

let ticksPerSecond;
function clockTicks() {
  if (ticksPerSecond === undefined) {
    const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    ticksPerSecond = Number(r.stdout) > 0 ? Number(r.stdout) : 100;
  }
  return ticksPerSecond;
}

function readCoreTicks(cpu) {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith(`cpu${cpu} `));
  const f = line.trim().split(/\s+/).slice(1, 9).map(Number); // user nice system idle iowait irq softirq steal
  const total = f.reduce((a, b) => a + b, 0);
  return { total, busy: total - f[3] - f[4] };
}

/** CPU seconds (user + system) used so far by the processes under `pid` whose command name matches `name`. */
export function descendantsCpuSeconds(pid, name) {
  let ticks = 0;
  const stack = childrenOf(pid);
  while (stack.length) {
    const p = stack.pop();
    try {
      if (name.test(fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim())) ticks += readProcTicks(p);
    } catch {
      continue;
    }
    stack.push(...childrenOf(p));
  }
  return ticks / clockTicks();
}

function readProcTicks(pid) {
  const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime
}

/**
 * Where the server core's time went during a run: the measured server, and everything else on that core
 * (other processes on a shared machine); and how busy the load generator's core was (near 100% with the
 * server core not saturated means the load generator, not the server, set the pace). Null without pinning or /proc.
 */
export function coreSampler(pin, pid) {
  if (!pin.active) return () => null;
  let a;
  try {
    a = { core: readCoreTicks(pin.serverCpu), client: readCoreTicks(pin.clientCpu), proc: readProcTicks(pid) };
  } catch {
    return () => null;
  }
  return () => {
    try {
      const core = readCoreTicks(pin.serverCpu);
      const client = readCoreTicks(pin.clientCpu);
      const proc = readProcTicks(pid);
      const total = core.total - a.core.total;
      if (total <= 0) return null;
      const server = (proc - a.proc) / total;
      const r2 = (x) => Math.round(x * 100) / 100;
      return {
        server: r2(server),
        server_cpu_s: (proc - a.proc) / clockTicks(),
        other: r2(Math.max(0, (core.busy - a.core.busy) / total - server)),
        client_core_busy: r2((client.busy - a.client.busy) / Math.max(1, client.total - a.client.total)),
      };
    } catch {
      return null;
    }
  };
}

/** Share of all cores busy over `ms` before anything is started: other work on the machine skews results. */
export async function backgroundBusy(ms = 2000) {
  const read = () => {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    return { total, busy: total - f[3] - f[4] };
  };
  try {
    const a = read();
    await new Promise((r) => setTimeout(r, ms));
    const b = read();
    return Math.round(((b.busy - a.busy) / Math.max(1, b.total - a.total)) * 100) / 100;
  } catch {
    return null;
  }
}
