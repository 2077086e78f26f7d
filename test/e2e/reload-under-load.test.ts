/** Hot reload on a real mockdock process while clients keep asking: 20 reloads, and not one request fails or sees a mixed answer. */
import fs from 'node:fs';
import path from 'node:path';
import { Client, DEADLINE_MS, endpointYaml, reloadCounts, saveByRename, until, useScratch } from './reload-harness';

const scratch = useScratch();

const RELOADS = 20;
const CONNECTIONS = 4;
const BULK = 300;

/** Every answer carries the generation twice (header and body), so a mixed answer shows. */
function config(gen: number): string {
  const looped = endpointYaml('/loop', { gen }, `  latency_ms: 5\n  headers: { X-Gen: "${gen}" }\n`);
  // Enough endpoints that building a set takes real time, so requests overlap the build and the swap.
  const bulk = Array.from({ length: BULK }, (_, i) => endpointYaml(`/bulk/${i}/:id`, { gen, id: '{{params.id}}' }, `  headers: { X-Gen: "${gen}" }\n`));
  return [looped, ...bulk].join('');
}

interface Seen {
  route: string;
  status: number;
  header: string;
  body: string;
  /** The generation known to be in force when the request was sent, and the newest written when it was answered. */
  atLeast: number;
  atMost: number;
}

describe('hot reload under a steady stream of requests', () => {
  it('answers every request during 20 reloads (file saves and POST /__reload) with a whole old or new config, on connections kept open', async () => {
    const dir = scratch.dir({ 'api.yaml': config(0) });
    const { proc, client: admin } = await scratch.serve(dir);
    const looping = new Client(proc.url, CONNECTIONS);
    let written = 0;
    let confirmed = 0;
    let stop = false;
    const seen: Seen[] = [];
    const failures: string[] = [];
    const gens = new Set<number>();

    const loop = async (worker: number): Promise<void> => {
      for (let n = 0; !stop; n += 1) {
        const route = n % 2 === 0 ? '/loop' : `/bulk/${(n * 7 + worker) % BULK}/${worker}`;
        const atLeast = confirmed;
        try {
          const res = await looping.get(route);
          const body = JSON.parse(res.text) as { gen?: number };
          seen.push({ route, status: res.status, header: String(res.headers['x-gen']), body: String(body.gen), atLeast, atMost: written });
          if (typeof body.gen === 'number') gens.add(body.gen);
        } catch (err) {
          failures.push(`${route}: ${(err as Error).message}`);
        }
      }
    };
    const loopers = Array.from({ length: CONNECTIONS }, (_, worker) => loop(worker));

    try {
      for (let gen = 1; gen <= RELOADS; gen += 1) {
        written = gen;
        saveByRename(path.join(dir, 'api.yaml'), config(gen));
        if (gen % 2 === 0) {
          // Asked for by hand: when the answer comes, the new file has been read and is in force.
          const res = await admin.request('POST', '/__reload');
          expect(res.status).toBe(200);
          expect(JSON.parse(res.text)).toMatchObject({ endpoints: BULK + 1, files: ['api.yaml'] });
          expect(await admin.show('/loop')).toBe(`200 {"gen":${gen}}`);
        }
        await until(`the looping client sees generation ${gen}`, async () => gens.has(gen));
        confirmed = gen;
      }
    } finally {
      stop = true;
      await Promise.all(loopers);
      looping.close();
    }

    expect(failures).toEqual([]);
    const wrong = seen.filter((s) => {
      const gen = Number(s.body);
      return s.status !== 200 || s.header !== s.body || !(gen >= s.atLeast && gen <= s.atMost);
    });
    expect(wrong).toEqual([]);
    expect([...gens].sort((a, b) => a - b)).toEqual(Array.from({ length: RELOADS + 1 }, (_, gen) => gen));
    expect(seen.length).toBeGreaterThan(RELOADS * CONNECTIONS);
    expect(looping.sockets.size).toBeLessThanOrEqual(CONNECTIONS);
    expect(looping.dropped).toBe(0);
    const counts = await reloadCounts(admin);
    expect(counts.error).toBe(0);
    expect(counts.success).toBeGreaterThanOrEqual(RELOADS);
  });

  it('lets a request sleeping on latency finish with its old answer after a reload has removed its endpoint', async () => {
    const dir = scratch.dir({ 'slow.yaml': endpointYaml('/slow', { v: 1 }, '  latency_ms: 1500\n') });
    const { proc, client } = await scratch.serve(dir, '--log-level', 'trace');
    const sleeper = new Client(proc.url);
    try {
      let answered = false;
      const pending = sleeper.show('/slow').finally(() => (answered = true));
      await proc.waitForLine(/"msg":"request received"/, DEADLINE_MS);

      fs.unlinkSync(path.join(dir, 'slow.yaml'));
      await proc.waitForLine(/"msg":"config reloaded: 0 endpoints"/, DEADLINE_MS);
      // The new set is in force while the first request still sleeps: a new request is not matched...
      expect(await client.show('/__health')).toBe('200 {"status":"ok","endpoints":0}');
      expect((await client.get('/slow')).status).toBe(404);
      expect(answered).toBe(false);
      // ...and the sleeping one finishes with the endpoint it was matched to.
      expect(await pending).toBe('200 {"v":1}');
      expect(sleeper.dropped + client.dropped).toBe(0);
    } finally {
      sleeper.close();
    }
  });
});
