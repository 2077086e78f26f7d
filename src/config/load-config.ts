/**
 * Loads the config folder (or one file): finds the files, reads each, checks every endpoint,
 * merges defaults, names endpoints and reads body files. Every problem is reported, each with
 * file, line and column; nothing is thrown for bad config.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes } from '../errors/codes';
import type { LoadedEndpoint } from '../model/endpoint';
import { assignNames } from './assign-names';
import { BodyFiles, type BodyFileResult } from './body-files';
import { collectEndpoints, type CollectedEndpoint } from './collect-endpoints';
import { locator, resolveInEndpoint } from './endpoint-locator';
import { findConfigFiles, openRoot } from './find-config-files';
import { orderIssues } from '../errors/order-issues';
import { isSettingsFile, loadSettings, type LoadedSettings } from './load-settings';

export type LoadResult =
  | { ok: true; endpoints: LoadedEndpoint[]; files: string[]; settings: LoadedSettings }
  | {
      ok: false;
      settings: LoadedSettings;
      issues: ConfigIssue[];
      files: string[];
      /** The endpoints that did load, so later checks (templates, regexes…) can report their problems in the same run. */
      partial: LoadedEndpoint[];
    };

/**
 * Reads are synchronous (for small files several times faster than fs.promises), so a long load
 * hands the event loop back this often: a reload never stalls the requests being served.
 */
const SLICE_MS = 10;

function folderIssue(file: string, message: string): ConfigIssue {
  return { file, line: 1, col: 1, message, code: ErrorCodes.CONFIG_FOLDER, pointer: '' };
}

function slicer(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

function duplicateNameIssues(collected: CollectedEndpoint[], names: string[], duplicates: { index: number; first: number }[]): ConfigIssue[] {
  return duplicates.map(({ index, first }) => {
    const here = resolveInEndpoint(collected[index].place, '/name');
    const there = resolveInEndpoint(collected[first].place, '/name').ref;
    const message = `duplicate name "${names[index]}": already used by the endpoint at ${there.file}:${there.line}:${there.col}`;
    return { ...here.ref, message, code: ErrorCodes.CONFIG_DUPLICATE_NAME, pointer: here.pointer };
  });
}

export async function loadConfig(root: string): Promise<LoadResult> {
  const opened = await openRoot(root);
  if (!opened.ok) {
    const none = loadSettings(root, []);
    return { ok: false, issues: [folderIssue(root, opened.message)], files: [], partial: [], settings: none };
  }
  const configRoot = opened.root;
  const found = configRoot.singleFile ? { files: [configRoot.singleFile], problems: [] } : await findConfigFiles(configRoot);
  const files = found.files;
  const issues: ConfigIssue[] = found.problems.map((p) => folderIssue(p.file, p.message));
  // mockdock.yaml at the root holds server settings, not endpoints.
  const settings = loadSettings(configRoot.dir, configRoot.singleFile ? [] : files);
  issues.push(...settings.issues);
  const endpointFiles = configRoot.singleFile ? files : files.filter((f) => !isSettingsFile(f));
  const pause = slicer();

  const collected: CollectedEndpoint[] = [];
  for (const file of endpointFiles) {
    let text: string;
    try {
      text = readFileSync(configRoot.singleFile ?? path.join(configRoot.dir, file), 'utf8');
    } catch (error) {
      issues.push(folderIssue(file, `file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`));
      continue;
    }
    const result = collectEndpoints(file, text);
    for (const endpoint of result.endpoints) collected.push(endpoint);
    issues.push(...result.issues);
    await pause();
  }

  const { names, duplicates } = assignNames(collected.map(({ def }) => ({ explicit: def.name, method: def.method, path: def.path })));
  issues.push(...duplicateNameIssues(collected, names, duplicates));

  const bodyFiles = new BodyFiles(configRoot.dir, configRoot.realDir);
  const bodies: (BodyFileResult | undefined)[] = [];
  for (const { def, place } of collected) {
    const body = def.body_file === undefined ? undefined : bodyFiles.read(def.body_file);
    bodies.push(body);
    if (body && !body.ok) {
      const at = resolveInEndpoint(place, '/body_file');
      issues.push({ ...at.ref, message: body.message, code: ErrorCodes.CONFIG_BODY_FILE, pointer: at.pointer });
    }
    if (body) await pause();
  }
  const seeds = collected.map(({ def, place }) => {
    const written = (def.crud as { seed_file?: unknown } | undefined)?.seed_file;
    if (typeof written !== 'string') return undefined;
    const seed = bodyFiles.read(written);
    if (!seed.ok) {
      const at = resolveInEndpoint(place, '/crud/seed_file');
      issues.push({ ...at.ref, message: seed.message.replace(/^body_file/, 'crud.seed_file'), code: ErrorCodes.CONFIG_BODY_FILE, pointer: at.pointer });
    }
    return seed;
  });

  const endpoints: LoadedEndpoint[] = [];
  collected.forEach(({ def, place }, order) => {
    const body = bodies[order];
    const seed = seeds[order];
    if ((body && !body.ok) || (seed && !seed.ok)) return;
    const named = Object.assign(def, { name: names[order] });
    const loaded: LoadedEndpoint = { def: named, source: place.source, order, locate: locator(place) };
    if (body?.ok) loaded.bodyFile = { path: body.path, content: body.content };
    if (seed?.ok) loaded.dataFiles = { '/crud/seed_file': { path: seed.path, content: seed.content } };
    endpoints.push(loaded);
  });
  if (issues.length > 0) return { ok: false, issues: orderIssues(issues, files), files, partial: endpoints, settings };
  return { ok: true, endpoints, files, settings };
}
