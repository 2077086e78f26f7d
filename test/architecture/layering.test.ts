import fs from 'node:fs';
import path from 'node:path';

// Keeps the direction of dependencies that DESIGN asks for: a pure core, adapters on top.
const SRC = path.join(__dirname, '../../src');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return found;
}

/** The top-level folder of src/ an import lands in, or the package name. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return `pkg:${spec.startsWith('node:') ? spec : spec.split('/')[0].startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]}`;
  const resolved = path.relative(SRC, path.resolve(path.dirname(file), spec));
  return resolved.split(path.sep)[0];
}

function folderOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0];
}

const all = filesUnder(SRC).map((file) => ({ file: path.relative(SRC, file), folder: folderOf(file), targets: importsOf(file).map((s) => target(file, s)), text: fs.readFileSync(file, 'utf8') }));

describe('layering of src/', () => {
  it('finds the source files', () => {
    expect(all.length).toBeGreaterThan(50);
  });

  it.each(['model', 'errors'])('%s/ imports nothing of ours but itself (errors may use model)', (folder) => {
    const bad = all
      .filter((f) => f.folder === folder)
      .flatMap((f) => f.targets.filter((t) => !t.startsWith('pkg:') && t !== folder && !(folder === 'errors' && t === 'model')).map((t) => `${f.file} → ${t}`));
    expect(bad).toEqual([]);
  });

  it('util/ holds pure helpers: it imports only model/ and itself, and no Koa, fs or process.env', () => {
    const files = all.filter((f) => f.folder === 'util');
    expect(files.length).toBeGreaterThan(0);
    const bad = files.flatMap((f) => [
      ...f.targets.filter((t) => !t.startsWith('pkg:') && !['util', 'model'].includes(t)).map((t) => `${f.file} → ${t}`),
      ...f.targets.filter((t) => /^pkg:(koa|@koa\/|node:fs|fs$|node:http|http$)/.test(t)).map((t) => `${f.file} → ${t}`),
    ]);
    expect(bad).toEqual([]);
  });

  it('responders/ build on the pure core and capability engines (model/, errors/, util/, response/, behaviours/, graphql/), with no Koa, fs or process.env', () => {
    const files = all.filter((f) => f.folder === 'responders');
    expect(files.length).toBeGreaterThan(0);
    const allowed = ['responders', 'model', 'errors', 'util', 'response', 'behaviours', 'graphql'];
    const bad = files.flatMap((f) => [
      ...f.targets.filter((t) => !t.startsWith('pkg:') && !allowed.includes(t)).map((t) => `${f.file} → ${t}`),
      ...f.targets.filter((t) => /^pkg:(koa|@koa\/|node:fs|fs$)/.test(t)).map((t) => `${f.file} → ${t}`),
      ...(/process\.env/.test(f.text) ? [`${f.file} reads process.env`] : []),
    ]);
    expect(bad).toEqual([]);
  });

  it('graphql/ (the GraphQL engine) builds on the pure core only, reads no files and no env, and knows no Koa', () => {
    const files = all.filter((f) => f.folder === 'graphql');
    expect(files.length).toBeGreaterThan(0);
    const allowed = ['graphql', 'model', 'errors', 'util', 'response', 'behaviours', 'matching'];
    const bad = files.flatMap((f) => [
      ...f.targets.filter((t) => !t.startsWith('pkg:') && !allowed.includes(t)).map((t) => `${f.file} → ${t}`),
      ...f.targets.filter((t) => /^pkg:(koa|@koa\/|node:fs|fs$)/.test(t)).map((t) => `${f.file} → ${t}`),
      ...(/process\.env/.test(f.text) ? [`${f.file} reads process.env`] : []),
    ]);
    expect(bad).toEqual([]);
  });

  it('webhooks/ builds on the core and the log and metrics it records to, with no Koa, fs or process.env', () => {
    const files = all.filter((f) => f.folder === 'webhooks');
    expect(files.length).toBeGreaterThan(0);
    const allowed = ['webhooks', 'model', 'errors', 'util', 'response', 'behaviours', 'logs', 'metrics'];
    const bad = files.flatMap((f) => [
      ...f.targets.filter((t) => !t.startsWith('pkg:') && !allowed.includes(t)).map((t) => `${f.file} → ${t}`),
      ...f.targets.filter((t) => /^pkg:(koa|@koa\/|node:fs|fs$)/.test(t)).map((t) => `${f.file} → ${t}`),
      ...(/process\.env/.test(f.text) ? [`${f.file} reads process.env`] : []),
    ]);
    expect(bad).toEqual([]);
  });

  it.each(['matching', 'response', 'behaviours'])('%s/ imports only model/, errors/, util/ and itself, and no Koa, fs or process.env', (folder) => {
    const files = all.filter((f) => f.folder === folder);
    expect(files.length).toBeGreaterThan(0);
    const bad = files.flatMap((f) => [
      ...f.targets.filter((t) => !t.startsWith('pkg:') && ![folder, 'model', 'errors', 'util'].includes(t)).map((t) => `${f.file} → ${t}`),
      ...f.targets.filter((t) => /^pkg:(koa|@koa\/|node:fs|fs$|node:http|http$)/.test(t)).map((t) => `${f.file} → ${t}`),
      ...(/process\.env/.test(f.text) ? [`${f.file} reads process.env`] : []),
    ]);
    expect(bad).toEqual([]);
  });

  it('auth/ imports only model/, errors/, util/, behaviours/ and itself, and no Koa, fs or process.env', () => {
    const files = all.filter((f) => f.folder === 'auth');
    expect(files.length).toBeGreaterThan(0);
    const bad = files.flatMap((f) => [
      ...f.targets.filter((t) => !t.startsWith('pkg:') && !['auth', 'model', 'errors', 'util', 'behaviours'].includes(t)).map((t) => `${f.file} → ${t}`),
      ...f.targets.filter((t) => /^pkg:(koa|@koa\/|node:fs|fs$|node:http|http$)/.test(t)).map((t) => `${f.file} → ${t}`),
      ...(/process\.env/.test(f.text) ? [`${f.file} reads process.env`] : []),
    ]);
    expect(bad).toEqual([]);
  });

  it('keeps Koa inside the adapters (http/, admin/, server/)', () => {
    const bad = all
      .filter((f) => !['http', 'admin', 'server'].includes(f.folder))
      .flatMap((f) => f.targets.filter((t) => /^pkg:(koa|@koa\/)/.test(t)).map((t) => `${f.file} → ${t}`));
    expect(bad).toEqual([]);
  });

  it('never imports upward from the core into the adapters or the CLI', () => {
    const core = ['model', 'errors', 'util', 'matching', 'response', 'behaviours', 'responders', 'state', 'config', 'engine', 'registry', 'logs', 'metrics', 'openapi', 'websocket', 'sse', 'streams', 'auth', 'graphql', 'webhooks', 'plugins', 'cors'];
    const bad = all
      .filter((f) => core.includes(f.folder))
      .flatMap((f) => f.targets.filter((t) => ['http', 'admin', 'server', 'cli.ts'].includes(t)).map((t) => `${f.file} → ${t}`));
    expect(bad).toEqual([]);
  });

  it('reads process.env only in server/options.ts and the CLI', () => {
    const bad = all.filter((f) => /process\.env\b/.test(f.text) && !['server/options.ts', 'cli.ts'].includes(f.file)).map((f) => f.file);
    expect(bad).toEqual([]);
  });
});
