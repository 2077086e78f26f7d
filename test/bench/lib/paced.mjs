// Open-loop load at an even pace: `rate` requests a second spread evenly over `connections` keep-alive
// connections, one request in flight on each. autocannon's own rate limit sends each connection's share of a
// second back to back at the start of that second, so its latency at a "fixed rate" is mostly the queue of
// that burst; evenly paced requests show what one hop adds instead.
import { Client } from 'undici';

/**
 * Sends GET `url` at `rate` req/s for `seconds`, each connection on its own phase. A request that had to
 * wait for its connection counts its wait in its latency. Returns p50/p99 in ms, the rate achieved, errors,
 * and how many requests the pacing timer sent more than 1 ms late.
 */
export async function pacedLoad({ url, rate, seconds, connections = 50 }) {
  const { origin, pathname, search } = new URL(url);
  const clients = Array.from({ length: connections }, () => new Client(origin, { pipelining: 1, keepAliveTimeout: 60_000 }));
  const path = pathname + search;
  const intervalMs = (connections * 1000) / rate; // each connection's period
  const lat = [];
  let errors = 0;
  let late = 0;
  const t0 = performance.now() + 20;
  const end = t0 + seconds * 1000;
  const busy = new Array(connections).fill(false);
  const waiting = Array.from({ length: connections }, () => []); // due times waiting for their connection
  let outstanding = 0;
  let scheduled = false;
  let drained;
  const allDone = new Promise((resolve) => (drained = resolve));

  // from the moment it left, or from when it was due if it had to wait for its connection (the server's
  // slowness, not the pacing timer's)
  const send = (i, due, waited = false) => {
    busy[i] = true;
    const now = performance.now();
    if (!waited && now - due > 1) late++;
    const from = waited ? due : now;
    clients[i].request({ method: 'GET', path }).then(
      async (res) => {
        for await (const _ of res.body); // read it all, as a client would
        if (res.statusCode !== 200) errors++;
        lat.push(performance.now() - from);
      },
      () => errors++,
    ).finally(() => {
      busy[i] = false;
      outstanding--;
      const next = waiting[i].shift();
      if (next !== undefined) send(i, next, true);
      else if (scheduled && outstanding === 0) drained();
    });
  };

  // one timer loop: every due request leaves when its time comes (or when its connection frees up)
  const nextDue = Array.from({ length: connections }, (_, i) => t0 + (i * intervalMs) / connections);
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      let soonest = Infinity;
      for (let i = 0; i < connections; i++) {
        while (nextDue[i] <= now && nextDue[i] < end) {
          outstanding++;
          if (busy[i]) waiting[i].push(nextDue[i]);
          else send(i, nextDue[i]);
          nextDue[i] += intervalMs;
        }
        if (nextDue[i] < end) soonest = Math.min(soonest, nextDue[i]);
      }
      if (soonest === Infinity) return resolve();
      setTimeout(tick, Math.max(0, soonest - performance.now()));
    };
    tick();
  });
  // the last requests finish (each is bounded by undici's own timeouts)
  scheduled = true;
  if (outstanding > 0) await allDone;
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  lat.sort((a, b) => a - b);
  return { p50: lat[Math.floor(lat.length / 2)] ?? NaN, p99: lat[Math.floor(lat.length * 0.99)] ?? NaN, rps: lat.length / seconds, errors, late, total: lat.length };
}
