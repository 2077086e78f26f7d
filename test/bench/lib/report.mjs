// Turns measured results into the target checks and the markdown tables printed by `npm run bench`.
import { median, ratio } from './stats.mjs';

/** The fastest peer the issue quotes (mountebank, req/s); used only when no peer was measured in the run. */
const ISSUE_FASTEST_PEER = { name: 'mountebank (figure quoted in the issue, not measured here)', rps: 6900 };

function fmtInt(x) {
  return typeof x === 'number' ? Math.round(x).toLocaleString('en-US') : '–';
}

function fmtMs(x) {
  return typeof x === 'number' ? x.toFixed(2) : '–';
}

function fmtPct(x) {
  return typeof x === 'number' ? `${Math.round(x * 100)}%` : '–';
}

function measurement(results, scenario, server) {
  return results.measurements.find((m) => m.scenario === scenario && m.server === server) ?? null;
}

/**
 * a/b as the median of the ratios of runs made in the same round (they ran a few seconds apart, so drifts in
 * the machine's speed cancel out), over rounds where neither run was disturbed; the ratio of medians otherwise.
 * `higherIsBetter` false compares CPU per request, where the ratio is b/a.
 */
function paired(a, b, key = 'rps') {
  if (!a || !b) return null;
  const flip = key === 'server_us_per_req';
  const ratios = [];
  for (let i = 0; i < Math.min(a.runs.length, b.runs.length); i++) {
    const x = a.runs[i];
    const y = b.runs[i];
    if (x.noisy || y.noisy) continue;
    const r = flip ? ratio(y[key], x[key]) : ratio(x[key], y[key]);
    if (r !== null) ratios.push(r);
  }
  if (ratios.length) return median(ratios);
  return flip ? ratio(b.median[key], a.median[key]) : ratio(a.median[key], b.median[key]);
}

/** Each target of the issue with what was measured; `met` is null when the run did not measure it. */
export function evaluateTargets(results) {
  const t = [];
  const target = (name, want, got, met) => t.push({ name, want, got, met: got === '–' ? null : met });
  const both = (a, b, fmt = fmtPct) => {
    const r = paired(a, b);
    const c = paired(a, b, 'server_us_per_req');
    return { r, text: r === null ? '–' : `${fmt(r)}${c === null ? '' : ` (by server CPU per request: ${fmt(c)})`}` };
  };
  const md = measurement(results, 'static', 'mockdock');
  const koa = measurement(results, 'static', 'koa');
  const r1 = both(md, koa);
  target('static vs koa + @koa/router', '≥ 70%', r1.text, r1.r !== null && r1.r >= 0.7);

  const peers = results.measurements.filter((m) => m.scenario === 'static' && results.peers?.[m.server]?.ok);
  const fastest = peers.length ? peers.reduce((a, b) => (b.median.rps > a.median.rps ? b : a)) : null;
  if (fastest) {
    const r2 = both(md, fastest, (x) => `${x.toFixed(1)}×`);
    target(`static vs fastest peer measured: ${fastest.label}`, '≥ 5×', r2.text, r2.r !== null && r2.r >= 5);
  } else {
    const r2 = ratio(md?.median.rps, ISSUE_FASTEST_PEER.rps);
    target(`static vs fastest peer: ${ISSUE_FASTEST_PEER.name}`, '≥ 5×', r2 === null ? '–' : `${r2.toFixed(1)}×`, r2 !== null && r2 >= 5);
  }

  const rp = both(measurement(results, 'post-body', 'mockdock'), measurement(results, 'post-body', 'raw'));
  target('post-body (1 KiB JSON, logged) vs node:http reading and parsing it', '≥ 70%', rp.text, rp.r !== null && rp.r >= 0.7);

  // --against: the same scenarios on another build (the commit before the pipeline), paired by round
  for (const [scenario, now, then] of [['static', 'mockdock', 'before'], ['param', 'mockdock', 'before'], ['many-routes 10000, last', 'mockdock-10000', 'before-10000'], ['many-routes 10000, random', 'mockdock-10000', 'before-10000']]) {
    const was = measurement(results, scenario, then);
    if (!was) continue;
    const rb = both(measurement(results, scenario, now), was);
    target(`${scenario} vs the --against build`, '≥ 95%', rb.text, rb.r !== null && rb.r >= 0.95);
  }

  const r3 = both(measurement(results, 'param', 'mockdock'), md);
  target('param (templated) vs static', '≥ 60%', r3.text, r3.r !== null && r3.r >= 0.6);

  const rc = both(measurement(results, 'crud', 'mockdock-crud'), md);
  target('CRUD GET by id, 10,000 items, vs static', '≥ 80%', rc.text, rc.r !== null && rc.r >= 0.8);

  for (const kind of ['last', 'random']) {
    const r = both(measurement(results, `many-routes 10000, ${kind}`, 'mockdock-10000'), md);
    target(`many-routes 10,000 (${kind}) vs static`, '≥ 90%', r.text, r.r !== null && r.r >= 0.9);
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
    target(`RSS after ${fmtInt(soak.requests)} requests (soak, 10 KiB bodies)`, '< 150 MiB', `${soak.rss_after_mib} MiB (peak ${soak.rss_peak_mib} MiB)`, soak.rss_after_mib < 150);
  } else if (main) {
    target(`RSS after this run's ${fmtInt(main.requests)} requests (main config)`, '< 150 MiB', `${main.rss_after_mib} MiB`, main.rss_after_mib < 150);
  }
  const p99 = md?.median.p99;
  const koaP99 = koa?.median.p99;
  target('p99 latency, static, 50 connections', '< 5 ms', md ? `${fmtMs(p99)} ms${koa ? ` (koa baseline ${fmtMs(koaP99)} ms)` : ''}` : '–', !!md && p99 < 5);

  const r4 = both(measurement(results, 'behaviours', 'mockdock'), md);
  target('behaviours present but inert vs static', '≈ 100% (≥ 95%)', r4.text, r4.r !== null && r4.r >= 0.95);

  for (const how of ['GET', 'POST']) {
    const g1 = both(measurement(results, `graphql fixed, ${how}`, 'mockdock-graphql'), md);
    target(`graphql fixed-answer operation (${how}) vs static`, '≥ 50%', g1.text, g1.r !== null && g1.r >= 0.5);
    const g2 = both(measurement(results, `graphql auto, ${how}`, 'mockdock-graphql'), md);
    target(`graphql auto-mocked query, 3 levels with lists (${how}) vs static`, '≥ 25%', g2.text, g2.r !== null && g2.r >= 0.25);
  }
  return t;
}

export function markdownTables(results) {
  const md = measurement(results, 'static', 'mockdock')?.median;
  const lines = [];
  lines.push('| scenario | server | req/s | p50 ms | p99 ms | vs mockdock static | server CPU µs/req | failed | clean runs | server core: server / other | client core busy |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const m of results.measurements) {
    const failed = m.runs.reduce((a, r) => a + (r.errors ?? 0) + (r.non2xx ?? 0), 0);
    const problem = m.check_problem ? ` ⚠ ${m.check_problem.slice(0, 60)}` : '';
    lines.push(`| ${m.scenario} | ${m.label}${problem} | ${fmtInt(m.median.rps)} | ${fmtMs(m.median.p50)} | ${fmtMs(m.median.p99)} | ${fmtPct(ratio(m.median.rps, md?.rps))} | ${fmtInt(m.median.server_us_per_req)} | ${failed} | ${m.clean_runs ?? '–'}/${m.runs.length} | ${fmtPct(m.median.core_server)} / ${fmtPct(m.median.core_other)} | ${fmtPct(m.median.client_core_busy)} |`);
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
