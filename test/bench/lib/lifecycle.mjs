// Start-up (spawn → first 200 on the last endpoint) and reload (POST /__reload, idle and under load) timings.
import path from 'node:path';
import { httpRequest } from './processes.mjs';
import { runLoad } from './load.mjs';
import { startMockdock } from './plan.mjs';
import { manyRoutePath, writeManyRoutesConfig } from './workload.mjs';
import { median } from './stats.mjs';

/** Spawns mockdock `runs` times on a folder of `count` endpoints; each time waits for the last one to answer 200. */
export async function measureStartup({ root, tmp, pin, count, runs }) {
  const dir = writeManyRoutesConfig(path.join(tmp, `config-${count}`), count);
  const times = [];
  const rss = [];
  for (let i = 0; i < runs; i++) {
    const server = await startMockdock({ root, dir, pin, readyPath: manyRoutePath(count - 1), name: `mockdock start-up, ${count} endpoints` });
    times.push(server.startupMs);
    await new Promise((r) => setTimeout(r, 1000)); // let start-up garbage settle before reading idle memory
    rss.push(server.rss());
    await server.stop();
  }
  return { endpoints: count, runs: times.map(round1), median_ms: round1(median(times)), idle_rss_mib: median(rss) };
}

async function reloadOnce(base) {
  const t0 = performance.now();
  const r = await httpRequest(`${base}/__reload`, { method: 'POST', timeoutMs: 30_000 });
  const wall = performance.now() - t0;
  let body = {};
  try {
    body = JSON.parse(r.body);
  } catch {
    // reported below as a failed reload
  }
  return { status: r.status, wall_ms: round1(wall), server_ms: body.duration_ms ?? body.durationMs ?? null, endpoints: body.endpoints ?? null };
}

/**
 * Reloads a running server of `count` endpoints: `runs` times idle, then repeatedly while a load run
 * hits random endpoints, counting errors and non-2xx answers seen during the reloads.
 */
export async function measureReload({ server, count, runs, loadSeconds, connections, loadgen, pin }) {
  const idle = [];
  for (let i = 0; i < runs; i++) idle.push(await reloadOnce(server.base));
  const paths = Array.from({ length: count }, (_, i) => manyRoutePath(i));
  const underLoad = [];
  let loading = true;
  const load = runLoad(loadgen, { base: server.base, paths, connections, seconds: loadSeconds, pin }).finally(() => {
    loading = false;
  });
  await new Promise((r) => setTimeout(r, 500));
  while (loading) {
    underLoad.push(await reloadOnce(server.base));
    await new Promise((r) => setTimeout(r, 250));
  }
  const traffic = await load;
  const ok = (list) => list.every((x) => x.status === 200 && x.endpoints === count);
  return {
    endpoints: count,
    idle: { runs: idle, median_wall_ms: round1(median(idle.map((x) => x.wall_ms))), median_server_ms: medianOrNull(idle.map((x) => x.server_ms)), all_ok: ok(idle) },
    under_load: {
      reloads: underLoad.length,
      median_wall_ms: round1(median(underLoad.map((x) => x.wall_ms))),
      max_wall_ms: round1(Math.max(...underLoad.map((x) => x.wall_ms))),
      median_server_ms: medianOrNull(underLoad.map((x) => x.server_ms)),
      all_ok: ok(underLoad),
      requests: traffic.total,
      rps: Math.round(traffic.rps),
      errors: traffic.errors,
      non2xx: traffic.non2xx,
      p99_ms: traffic.p99,
      max_ms: traffic.max,
    },
  };
}

function medianOrNull(list) {
  const nums = list.filter((x) => typeof x === 'number');
  return nums.length ? round1(median(nums)) : null;
}

function round1(x) {
  return Math.round(x * 10) / 10;
}
