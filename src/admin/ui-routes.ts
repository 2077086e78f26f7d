/** GET /__ui: the web UI's page and its hashed assets, open without the admin token (the page asks for it itself). */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Context } from 'koa';
import type { RouteTable } from './route-table';

/** An asset's bytes, gzipped once at start for the clients that take it. */
interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
}

/** What the build leaves in the UI folder: esbuild's metafile names the hashed outputs (the entry, its chunks, lazy pages). */
interface Bundle {
  script: string;
  styles: string[];
  /** Chunks the script imports at once: fetched beside it rather than after it. */
  preload: string[];
  /** Asset file name → its bytes and type, read once at start. */
  files: Map<string, Asset>;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.woff2': 'font/woff2', '.svg': 'image/svg+xml' };

/**
 * The folder of the built UI. The CLI is bundled into dist/cli.js with the UI beside it in dist/ui
 * (/app/cli.js and /app/ui in the image); run from source (tests), this file sits two levels below the root.
 */
export function defaultUiDir(): string {
  const candidates = [path.join(__dirname, 'ui'), path.join(__dirname, '..', '..', 'dist', 'ui')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'meta.json'))) ?? candidates[0];
}

export function readBundle(dir: string): Bundle | null {
  let meta: { outputs: Record<string, { entryPoint?: string; cssBundle?: string; imports?: { path: string; kind: string }[] }> };
  try {
    meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'));
  } catch {
    return null;
  }
  const files = new Map<string, Asset>();
  let script = '';
  const styles: string[] = [];
  const preload: string[] = [];
  for (const [out, info] of Object.entries(meta.outputs)) {
    const name = path.basename(out);
    const type = TYPES[path.extname(name)];
    if (type === undefined) continue; // source maps and the like are not served
    const body = fs.readFileSync(path.join(dir, 'assets', name));
    files.set(name, { body, gzip: gzipSync(body, { level: 9 }), type });
    if (info.entryPoint !== undefined && /(^|\/)main\.tsx$/.test(info.entryPoint) && name.endsWith('.js')) {
      script = name;
      if (info.cssBundle !== undefined) styles.push(path.basename(info.cssBundle));
      for (const i of info.imports ?? []) if (i.kind === 'import-statement') preload.push(path.basename(i.path));
    }
  }
  return script === '' ? null : { script, styles, preload, files };
}

function page(bundle: Bundle): string {
  const links =
    bundle.styles.map((s) => `<link rel="stylesheet" href="/__ui/assets/${s}">`).join('') +
    bundle.preload.map((p) => `<link rel="modulepreload" href="/__ui/assets/${p}">`).join('');
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>mockdock</title>${links}</head><body><div id="app"></div>` +
    `<noscript>The mockdock web UI needs JavaScript; the admin API (/__endpoints, /__logs, …) works without it.</noscript>` +
    `<script type="module" src="/__ui/assets/${bundle.script}"></script></body></html>`
  );
}

export function addUiRoutes(table: RouteTable, dir: string = defaultUiDir()): void {
  const bundle = readBundle(dir);
  const html = bundle === null ? '' : page(bundle);

  const index = (ctx: Context) => {
    if (bundle === null) {
      ctx.status = 503;
      ctx.body = { error: 'the web UI is not built into this server: run `npm run build` (it writes dist/ui beside dist/cli.js)' };
      return;
    }
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'html';
    ctx.body = html;
  };
  table.add('get', '/__ui', index, { open: true });
  table.add('get', '/__ui/', index, { open: true });

  table.add(
    'get',
    '/__ui/assets/:file',
    (ctx) => {
      const name = (ctx as Context & { params: Record<string, string> }).params.file;
      const file = bundle?.files.get(name);
      if (file === undefined) {
        ctx.status = 404;
        ctx.body = { error: `no UI asset ${JSON.stringify(name)}; reload /__ui to get the current names` };
        return;
      }
      // the names carry a hash of the content: a new build gets new names
      ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
      ctx.type = file.type;
      ctx.vary('Accept-Encoding');
      if (ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
        ctx.set('Content-Encoding', 'gzip');
        ctx.body = file.gzip;
      } else ctx.body = file.body;
    },
    { open: true },
  );
}
