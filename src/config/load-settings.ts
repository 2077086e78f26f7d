/** Reads mockdock.yaml (or .yml / .json) at the config root: server settings, checked like any config file, problems at file:line:col. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes } from '../errors/codes';
import { formatPointer, parsePointer, type Segment } from '../util/json-pointer';
import { parseConfigFile } from './parse-config-file';
import { validateSettings } from './validate-endpoint';

export const SETTINGS_FILES = ['mockdock.yaml', 'mockdock.yml', 'mockdock.json'];

/** True for the settings file (at the root only: a mockdock.yaml in a subfolder holds endpoints). */
export function isSettingsFile(relative: string): boolean {
  return SETTINGS_FILES.includes(relative);
}

export interface LoadedSettings {
  settings: Record<string, unknown>;
  /** The settings file read, relative to the root; null when there is none. */
  file: string | null;
  issues: ConfigIssue[];
  /** Where a key of the file sits (pointer from the file's top), for later checks. */
  locate: (pointer: string) => { file: string; line: number; col: number };
}

const NOWHERE = (file: string) => () => ({ file, line: 1, col: 1 });

export function loadSettings(rootDir: string, files: readonly string[]): LoadedSettings {
  const file = SETTINGS_FILES.find((f) => files.includes(f)) ?? null;
  if (file === null) return { settings: {}, file: null, issues: [], locate: NOWHERE('mockdock.yaml') };
  let text: string;
  try {
    text = readFileSync(path.join(rootDir, file), 'utf8');
  } catch (error) {
    const message = `file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    return { settings: {}, file, issues: [{ file, line: 1, col: 1, message, code: ErrorCodes.CONFIG_FOLDER, pointer: '' }], locate: NOWHERE(file) };
  }
  const parsed = parseConfigFile(text, file.endsWith('.json'));
  if (!parsed.ok) {
    const issues = parsed.problems.map((p) => ({ file, line: p.line, col: p.col, message: p.message, code: ErrorCodes.CONFIG_PARSE, pointer: '' }));
    return { settings: {}, file, issues, locate: NOWHERE(file) };
  }
  const { value, index } = parsed.file;
  const at = (segments: Segment[]) => ({ file, ...index.find(segments).position });
  const locate = (pointer: string) => at(parsePointer(pointer));
  const settings = value === null || value === undefined ? {} : value;
  const issues: ConfigIssue[] = validateSettings(settings).map((p) => ({ ...at(p.path), message: p.message, code: ErrorCodes.CONFIG_SCHEMA, pointer: formatPointer(p.path) }));
  if (issues.length > 0) return { settings: {}, file, issues, locate };
  return { settings: settings as Record<string, unknown>, file, issues, locate };
}
