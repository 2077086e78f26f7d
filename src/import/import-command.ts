/** `mockdock import <kind> <src>`: read another tool's mocks, write endpoint files through the one writer, report; returns the exit code. */
import path from 'node:path';
import { formatIssue } from '../errors/config-issue';
import { Recorder } from '../writer/recorder';
import { renderConfig } from '../writer/render-yaml';
import { type OutputFile, writeConfig } from '../writer/write-config';
import { readHar } from './har';
import { type ImportContext, type ImportPlan, endpointCount } from './import-plan';
import { importWiremock } from './wiremock/import-wiremock';
import { importMockoon } from './mockoon/import-mockoon';
import { importPostman } from './postman/import-postman';

export const IMPORT_KINDS = ['wiremock', 'mockoon', 'postman', 'har'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportOptions {
  /** Folder for the endpoint files (default ./config/imported). */
  out?: string;
  /** Config root that body_file paths are relative to (default: the folder that holds --out). */
  root?: string;
  redact?: string[];
  redactField?: string[];
  /** Where lines go (stderr by default). */
  say?: (line: string) => void;
}

const PLANNERS: Record<Exclude<ImportKind, 'har'>, (src: string, ctx: ImportContext) => ImportPlan> = {
  wiremock: importWiremock,
  mockoon: importMockoon,
  postman: importPostman,
};

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export async function runImportCommand(kind: string, src: string, opts: ImportOptions = {}): Promise<number> {
  const say = opts.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  const tell = (line: string) => say(`mockdock import ${kind}: ${line}`);
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    say(`mockdock import: unknown kind "${kind}"; use one of ${IMPORT_KINDS.join(', ')}`);
    return 1;
  }
  const out = path.resolve(opts.out ?? './config/imported');
  const root = path.resolve(opts.root ?? path.dirname(out));
  const outRel = path.relative(root, out).split(path.sep).join('/');
  if (outRel === '' || outRel.startsWith('..') || path.isAbsolute(outRel)) {
    tell(`--out ${opts.out} must be a folder inside the config root ${root} (set --root)`);
    return 1;
  }
  try {
    if (kind === 'har') return await importHar(src, root, outRel, opts, tell);
    const plan = PLANNERS[kind as Exclude<ImportKind, 'har'>](src, { bodyPrefix: `__files/${outRel}` });
    for (const n of plan.notes) tell(`${n.source}: ${n.stub}: cannot carry ${n.what}: ${n.why}`);
    const endpoints = endpointCount(plan);
    const files: OutputFile[] = [
      ...plan.bodies.map((b) => ({ path: `__files/${outRel}/${b.name}`, content: b.content })),
      ...plan.files.map((f) => ({ path: `${outRel}/${f.name}`, content: renderConfig(f.header, f.blocks) })),
    ];
    if (endpoints === 0) {
      tell(`nothing to import from ${src} (${plural(plan.stubs, 'stub')} read, ${plural(plan.notes.length, 'construct')} not carried)`);
      return 1;
    }
    const written = await writeConfig(root, files);
    if (!written.ok) {
      for (const issue of written.issues) tell(`generated config does not validate: ${formatIssue(issue)}`);
      return 1;
    }
    tell(`${plural(endpoints, 'endpoint')} from ${plural(plan.stubs, 'stub')} written to ${opts.out ?? './config/imported'} (${plural(plan.files.length, 'file')}, ${plural(plan.bodies.length, 'body file')}); ${plural(plan.notes.length, 'construct')} not carried`);
    return 0;
  } catch (err) {
    tell(`cannot import ${src}: ${(err as Error).message}`);
    return 1;
  }
}

async function importHar(src: string, root: string, outRel: string, opts: ImportOptions, tell: (line: string) => void): Promise<number> {
  const har = readHar(src);
  for (const line of har.skipped) tell(`${src}: ${line}: not imported`);
  const recorder = new Recorder({ root, dir: outRel, headers: opts.redact, fields: opts.redactField });
  let added = 0;
  for (const ex of har.exchanges) {
    const outcome = await recorder.add(ex);
    if (outcome.note) tell(`${src}: ${outcome.note}`);
    if (outcome.recorded) added++;
  }
  const written = await recorder.flush();
  if (!written.ok) {
    for (const issue of written.issues) tell(`generated config does not validate: ${formatIssue(issue)}`);
    return 1;
  }
  const files = written.written.filter((f) => !f.startsWith('__files/')).length;
  tell(`${plural(har.exchanges.length, 'exchange')} read, ${plural(added, 'new request or answer', 'new requests or answers')} written to ${plural(files, 'file')} under ${outRel}; ${plural(har.skipped.length, 'entry', 'entries')} not imported`);
  return har.exchanges.length > 0 ? 0 : 1;
}
