/** `mockdock openapi SPEC`: read the document, generate config, write it (stdout, a file or a folder); returns the exit code. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadSpec } from './load-spec';
import { generateConfig } from './generate-config';
import { formatProblem } from './spec-problem';
import { normalizeBasePath } from './base-path';

export interface OpenApiCommandOptions {
  out?: string;
  outDir?: string;
  splitByTag?: boolean;
  examples?: 'first' | 'all';
  basePath?: string;
}

function say(line: string): void {
  process.stderr.write(`mockdock openapi: ${line}\n`);
}

/** How the source is named in the generated header: as given, unless absolute (which would differ per machine). */
function sourceLabel(spec: string): string {
  if (spec === '-') return 'stdin';
  return path.isAbsolute(spec) ? path.basename(spec) : spec.split(path.sep).join('/');
}

export async function runOpenApiCommand(spec: string, opts: OpenApiCommandOptions): Promise<number> {
  if (opts.out !== undefined && opts.outDir !== undefined) {
    say('use either -o FILE or --out-dir DIR, not both');
    return 1;
  }
  if (opts.splitByTag && opts.outDir === undefined) {
    say('--split-by-tag writes several files: give the folder with --out-dir DIR');
    return 1;
  }
  const examples = opts.examples ?? 'first';
  if (examples !== 'first' && examples !== 'all') {
    say(`--examples must be "first" or "all" (got ${JSON.stringify(opts.examples)})`);
    return 1;
  }
  const shown = spec === '-' ? 'stdin' : spec;
  const loaded = await loadSpec(spec);
  if (!loaded.ok) {
    for (const p of loaded.problems) process.stderr.write(`${formatProblem(shown, p)}\n`);
    return 1;
  }
  const stem = spec === '-' ? 'openapi' : path.basename(spec, path.extname(spec));
  const result = generateConfig(loaded.spec.doc, {
    examples,
    basePath: opts.basePath === undefined ? undefined : normalizeBasePath(opts.basePath),
    splitByTag: opts.splitByTag,
    source: sourceLabel(spec),
    fileName: opts.out !== undefined ? path.basename(opts.out) : `${stem}.yaml`,
    rootPath: loaded.spec.rootPath,
    externals: loaded.spec.externals,
  });
  if (result.errors.length > 0) {
    for (const p of result.errors) process.stderr.write(`${formatProblem(shown, p)}\n`);
    const n = result.errors.length;
    say(`${n} problem${n === 1 ? '' : 's'}; nothing was written`);
    return 1;
  }
  for (const w of result.warnings) say(`warning: ${w}`);
  try {
    if (opts.out !== undefined) {
      await mkdir(path.dirname(path.resolve(opts.out)), { recursive: true });
      await writeFile(opts.out, result.files[0].content);
      say(`wrote ${opts.out}`);
    } else if (opts.outDir !== undefined) {
      await mkdir(opts.outDir, { recursive: true });
      for (const file of result.files) await writeFile(path.join(opts.outDir, file.name), file.content);
      say(`wrote ${result.files.length} file${result.files.length === 1 ? '' : 's'} to ${opts.outDir}`);
    } else {
      process.stdout.write(result.files[0].content);
    }
  } catch (err) {
    say(`cannot write the output: ${(err as Error).message}`);
    return 1;
  }
  return 0;
}
