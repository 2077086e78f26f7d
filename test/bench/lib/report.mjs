// Turns measured results into the target checks and the markdown tables printed by `npm run bench`.
import { ratio } from './stats.mjs';

/** The fastest peer the issue quotes (mountebank, req/s); used only when no peer was measured in the run. */
const ISSUE_FASTEST_PEER = { name: 'mountebank (figure quoted in the issue, not measured here)', rps: 6900 };

function find(results, scenario, server) {
  return results.measurements.find((m) => m.scenario === scenario && m.server === server)?.median ?? null;
}

function fmtInt(x) {
  return typeof x === 'number' ? Math.round(x).toLocaleString('en-US') : '–';
}

function fmtMs(x) {
  return typeof x === 'number' ? x.toFixed(2) : '–';
}

function fmtPct(x) {
  return typeof x === 'number' ? `${Math.round(x * 100)}%` : '–';
}

/** Each target of the issue with what was measured; `met` is null when the run did not measure it. */
export function evaluateTargets(results) {
  const t = [];
  const target = (name, want, got, met) => t.push({ name, want, got, met: got === '–' ? null : met });
  const md = find(results, 'static', 'mockdock');
  const koa = find(results, 'static', 'koa');
  const r1 = ratio(md?.rps, koa?.rps);
  target('static vs koa + @koa/router', '≥ 70%', fmtPct(r1), r1 !== null && r1 >= 0.7);

  const peers = results.measurements.filter((m) => m.scenario === 'static' && results.peers?.[m.server]?.ok);
  const fastest = peers.length
    ? peers.reduce((a, b) => (b.median.rps > a.median.rps ? b : a))
    : null;
  const peer = fastest ? { name: fastest.label, rps: fastest.median.rps } : ISSUE_FASTEST_PEER;
  const r2 = ratio(md?.rps, peer.rps);
  target(`static vs fastest peer: ${peer.name}`, '≥ 5×', r2 === null ? '–' : `${r2.toFixed(1)}×`, r2 !== null && r2 >= 5);

  const param = find(results, 'param', 'mockdock');
  const r3 = ratio(param?.rps, md?.rps);
  target('param (templated) vs static', '≥ 60%', fmtPct(r3), r3 !== null && r3 >= 0.6);

  for (const kind of ['last', 'random']) {
    const many = find(results, `many-routes 10000, ${kind}`, 'mockdock-10000');
    const r = ratio(many?.rps, md?.rps);
    target(`many-routes 10,000 (${kind}) vs static`, '≥ 90%', fmtPct(r), r !== null && r >= 0.9);
  }

  const start = results.startup?.find((s) => s.endpoints === 10000);
  target('start-up, 10,000 endpoints (spawn → first 200)', '< 1,500 ms', start ? `${fmtInt(start.median_ms)} ms` : '–', !!start && start.median_ms < 1500);

  const reload = results.reload;
  const reloadOk = reload && reload.idle.all_ok && reload.under_load.all_ok && reload.under_load.errors === 0 && reload.under_load.non2xx === 0;
  target(
    'reload, 10,000 endpoints, requests answered throughout',
    '< 1,000 ms, 0 failed',
    reload ? `${fmtInt(reload.idle.median_wall_ms)} ms idle, ${fmtInt(reload.under_load.max_wall_ms)} ms max under load; ${reload.under_load.errors + reload.under_load.non2xx} failed of ${fmtInt(reload.under_load.requests)}` : '–',
    !!reload && reload.idle.median_wall_ms < 1000 && reloadOk,
  );

  const main = results.servers?.mockdock;
  target('RSS idle (main config)', '< 80 MiB', main?.idle_rss_mib ? `${main.idle_rss_mib} MiB` : '–', !!main && main.idle_rss_mib < 80);
  const soak = results.soak;
  if (soak) {
    target(`RSS after ${fmtInt(soak.requests)} requests (soak, 10 KiB bodies)`, '< 150 MiB', `${soak.rss_after_mib} MiB`, soak.rss_after_mib < 150);
  } else if (main) {
    target(`RSS after this run's ${fmtInt(main.requests)} requests (main config)`, '< 150 MiB', `${main.rss_after_mib} MiB`, main.rss_after_mib < 150);
  }
  target('p99 latency, static, 50 connections', '< 5 ms', md ? `${fmtMs(md.p99)} ms` : '–', !!md && md.p99 < 5);

  const beh = find(results, 'behaviours', 'mockdock');
  const r4 = ratio(beh?.rps, md?.rps);
  target('behaviours present but inert vs static', '≈ 100% (≥ 95%)', fmtPct(r4), r4 !== null && r4 >= 0.95);
  return t;
}

export function markdownTables(results) {
  const md = find(results, 'static', 'mockdock');
  const lines = [];
  lines.push('| scenario | server | req/s | p50 ms | p99 ms | vs mockdock static | server CPU µs/req | failed | server core: server / other | client core busy |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const m of results.measurements) {
    const failed = m.runs.reduce((a, r) => a + (r.errors ?? 0) + (r.non2xx ?? 0), 0);
    const problem = m.check_problem ? ` ⚠ ${m.check_problem.slice(0, 60)}` : '';
    lines.push(`| ${m.scenario} | ${m.label}${problem} | ${fmtInt(m.median.rps)} | ${fmtMs(m.median.p50)} | ${fmtMs(m.median.p99)} | ${fmtPct(ratio(m.median.rps, md?.rps))} | ${fmtInt(m.median.server_us_per_req)} | ${failed} | ${fmtPct(m.median.core_server)} / ${fmtPct(m.median.core_other)} | ${fmtPct(m.median.client_core_busy)} |`);
  }
  lines.push('');
  if (results.startup?.length || results.reload || results.servers) {
    lines.push('| lifecycle | median | detail |', '|---|---:|---|');
    for (const s of results.startup ?? []) {
      lines.push(`| start-up, ${fmtInt(s.endpoints)} endpoints (spawn → first 200) | ${fmtInt(s.median_ms)} ms | runs ${s.runs.join(', ')} ms; idle RSS ${s.idle_rss_mib} MiB |`);
    }
    const r = results.reload;
    if (r) {
      lines.push(`| reload, ${fmtInt(r.endpoints)} endpoints, idle | ${fmtInt(r.idle.median_wall_ms)} ms | server-reported ${r.idle.median_server_ms ?? '–'} ms |`);
      const u = r.under_load;
      lines.push(
        `| reload, ${fmtInt(r.endpoints)} endpoints, under load | ${fmtInt(u.median_wall_ms)} ms | ${u.reloads} reloads, max ${fmtInt(u.max_wall_ms)} ms; ${fmtInt(u.requests)} requests at ${fmtInt(u.rps)} req/s, ${u.errors} errors, ${u.non2xx} non-2xx, p99 ${fmtMs(u.p99_ms)} ms, max ${fmtMs(u.max_ms)} ms |`,
      );
    }
    for (const [key, s] of Object.entries(results.servers ?? {})) {
      lines.push(`| RSS ${s.name} | ${s.idle_rss_mib} MiB idle | ${s.rss_after_mib} MiB after ${fmtInt(s.requests)} requests |`);
    }
    lines.push('');
  }
  lines.push('| target | want | measured | met |', '|---|---|---|---|');
  for (const t of results.targets) lines.push(`| ${t.name} | ${t.want} | ${t.got} | ${t.met === null ? 'not measured' : t.met ? 'yes' : '**no**'} |`);
  return lines.join('\n');
}
