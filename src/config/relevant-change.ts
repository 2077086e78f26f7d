/** Which changed paths can alter the config: only those trigger a reload (a log file written into the folder must not). */
import * as path from 'node:path';

const CONFIG_FILE = /\.(ya?ml|json)$/i;

/**
 * A path (relative to the config root, '/'-separated, as the watcher reports it) matters when it is
 * a config file, anything under `__files/`, a ConfigMap's `..data`-style entry, the root itself,
 * a body file the config in force reads, or a name without an extension (most likely a folder).
 */
export function isRelevantChange(changed: string, bodyFiles: ReadonlySet<string>): boolean {
  if (changed === '.' || changed === '') return true;
  if (CONFIG_FILE.test(changed)) return true;
  const segments = changed.split('/');
  if (segments.some((s) => s === '__files' || s.startsWith('..'))) return true;
  if (bodyFiles.has(path.posix.normalize(changed))) return true;
  return !segments[segments.length - 1].includes('.');
}
