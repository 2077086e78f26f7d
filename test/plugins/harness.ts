/** Temp config folders with plugins, and the real app built from one with plugins allowed (supertest target). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Koa from 'koa';
import { buildEndpointSet, type BuildOptions } from '../../src/registry/build-endpoint-set';
import type { Registry } from '../../src/registry/registry';
import type { RequestLog } from '../../src/logs/request-log';
import { createRuntime } from '../../src/server/runtime';
import { createApp } from '../../src/server/create-app';
import { createLogger } from '../../src/server/logger';
import { formatIssue } from '../../src/errors/config-issue';
import type { HostLogger } from '../../src/plugins/plugin-set';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A folder of files (relative path → content), removed after the test file. */
export function configFolder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-plugins-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) writeFile(dir, name, content);
  return dir;
}

export function writeFile(dir: string, name: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), content);
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps what plugins and the plugin machinery log. */
export function capturingLogger(): HostLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (fields: object, message: string) => void lines.push({ level, fields: fields as Record<string, unknown>, message });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export interface PluginApp {
  app: Koa;
  registry: Registry;
  log: RequestLog;
  logger: ReturnType<typeof capturingLogger>;
}

export function buildOptions(logger: HostLogger, extra: Partial<BuildOptions> & { timeoutMs?: number; allow?: boolean } = {}): BuildOptions {
  const { timeoutMs, allow, ...rest } = extra;
  return { seed: 1, plugins: { allow: allow ?? true, timeoutMs: timeoutMs ?? 5000, logger }, ...rest };
}

export async function pluginApp(config: string, opts: { timeoutMs?: number } = {}): Promise<PluginApp> {
  const logger = capturingLogger();
  const options = buildOptions(logger, opts);
  const built = await buildEndpointSet(config, options);
  if (!built.ok) throw new Error(`test config is invalid:\n${built.issues.map(formatIssue).join('\n')}`);
  const { registry, log, metrics } = createRuntime(config, built.set, options, { logLimit: 100, defaultMetrics: false });
  const app = createApp({ registry, log, metrics, logger: createLogger('silent') });
  return { app, registry, log, logger };
}
