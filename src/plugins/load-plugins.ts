/**
 * `plugins:` of mockdock.yaml → the loaded PluginSet: only with --allow-plugins, only files inside the config
 * folder, each imported fresh when its content changed and checked for the shape of a plugin. Every problem
 * is a config issue at the list entry, so a bad plugin keeps the last good config.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ConfigIssue } from '../model/config-issue';
import type { Locate } from '../model/endpoint';
import { ErrorCodes } from '../errors/codes';
import { escapeRegex } from '../util/escape-regex';
import { importFresh } from './plugin-import';
import { checkPlugin } from './plugin-shape';
import { pluginLogger, type HostLogger, type LoadedPlugin, type PluginSet } from './plugin-set';
import type { PluginHandler } from './plugin-types';

export interface PluginOptions {
  /** `--allow-plugins` / MOCKDOCK_ALLOW_PLUGINS=true. */
  allow: boolean;
  timeoutMs: number;
  logger: HostLogger;
}

export type LoadPluginsResult = { ok: true; set: PluginSet | null; files: string[] } | { ok: false; issues: ConfigIssue[]; files: string[] };

export const ALLOW_FLAG_HINT = 'start mockdock with --allow-plugins (or MOCKDOCK_ALLOW_PLUGINS=true)';

function issue(locate: Locate, pointer: string, message: string): ConfigIssue {
  return { ...locate(pointer), message, code: ErrorCodes.CONFIG_PLUGIN, pointer };
}

function isInside(dir: string, candidate: string): boolean {
  const relative = path.relative(dir, candidate);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** The file a list entry names, if it is a module file inside the folder (links followed, and checked again). */
function resolveEntry(dir: string, entry: string): { file: string } | { problem: string } {
  if (!/\.(mjs|js)$/.test(entry)) return { problem: `must name an ES module file (.mjs or .js), not "${entry}"` };
  const file = path.resolve(dir, entry);
  if (path.isAbsolute(entry) || !isInside(dir, file)) return { problem: `"${entry}" is outside the config folder: plugins are loaded only from files inside it` };
  try {
    if (!statSync(file).isFile()) return { problem: `"${entry}" is not a file` };
    if (!isInside(realpathSync(dir), realpathSync(file))) return { problem: `"${entry}" links outside the config folder: plugins are loaded only from files inside it` };
  } catch (err) {
    return { problem: `"${entry}" cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
  }
  return { file };
}

/**
 * ` (plugins/a.mjs:3)`: where in the module the import failed. A throw names the line in its stack (the
 * versioned URL's); a syntax error does not, so Node's syntax check is asked (only on this error path).
 */
function lineOf(err: unknown, file: string, entry: string): string {
  const stack = typeof (err as Error)?.stack === 'string' ? (err as Error).stack! : '';
  let line = /\?v=[0-9a-f]+:(\d+)/.exec(stack)?.[1];
  if (line === undefined && (err as Error)?.name === 'SyntaxError') {
    const checked = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 5000 });
    line = new RegExp(`${escapeRegex(file)}:(\\d+)`).exec(checked.stderr ?? '')?.[1];
  }
  return line === undefined ? '' : ` (${entry}:${line})`;
}

function folderOf(root: string): string {
  try {
    return statSync(root).isDirectory() ? path.resolve(root) : path.dirname(path.resolve(root));
  } catch {
    return path.resolve(root);
  }
}

export async function loadPlugins(list: unknown, root: string, locate: Locate, opts: PluginOptions): Promise<LoadPluginsResult> {
  const entries = Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : [];
  if (entries.length === 0) return { ok: true, set: null, files: [] };
  const files = entries.map((e) => path.posix.normalize(e.replace(/\\/g, '/')));
  if (!opts.allow) return { ok: false, issues: [issue(locate, '/plugins', `plugins run code from the config folder: ${ALLOW_FLAG_HINT} to load them, or remove the list`)], files };
  const dir = folderOf(root);
  const issues: ConfigIssue[] = [];
  const plugins: LoadedPlugin[] = [];
  const handlers = new Map<string, { plugin: LoadedPlugin; fn: PluginHandler }>();
  for (const [i, entry] of entries.entries()) {
    const at = `/plugins/${i}`;
    const resolved = resolveEntry(dir, entry);
    if ('problem' in resolved) {
      issues.push(issue(locate, at, `plugin ${resolved.problem}`));
      continue;
    }
    let exports: Record<string, unknown>;
    try {
      exports = (await importFresh(resolved.file)).exports;
    } catch (err) {
      issues.push(issue(locate, at, `plugin "${entry}" failed to import${lineOf(err, resolved.file, entry)}: ${(err as Error)?.message ?? String(err)}`));
      continue;
    }
    const checked = checkPlugin(exports.default);
    if (typeof checked === 'string') {
      issues.push(issue(locate, at, `plugin "${entry}": ${checked}`));
      continue;
    }
    if (plugins.some((p) => p.name === checked.name)) {
      issues.push(issue(locate, at, `plugin "${entry}" is named "${checked.name}" like an earlier one: give each plugin its own name`));
      continue;
    }
    const loaded: LoadedPlugin = { name: checked.name, file: files[i], module: checked, log: pluginLogger(opts.logger, checked.name) };
    plugins.push(loaded);
    for (const [name, fn] of Object.entries(checked.handlers ?? {})) {
      const before = handlers.get(name);
      if (before) issues.push(issue(locate, at, `plugin "${checked.name}" has a handler "${name}" that plugin "${before.plugin.name}" has too: handler names are shared by every plugin`));
      else handlers.set(name, { plugin: loaded, fn });
    }
  }
  if (issues.length > 0) return { ok: false, issues, files };
  opts.logger.info({ plugins: plugins.map((p) => ({ name: p.name, file: p.file })) }, `plugins loaded: ${plugins.map((p) => p.name).join(', ')}`);
  return { ok: true, set: { plugins, handlers, timeoutMs: opts.timeoutMs, logger: opts.logger }, files };
}
