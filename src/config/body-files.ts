/**
 * Reads `body_file`s: relative to the config root, never outside it (not via `..`, nor via a
 * symlink). Reads are synchronous: small files are read several times faster that way, and the
 * loader hands the event loop back between batches.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type BodyFileResult = { ok: true; path: string; content: Buffer } | { ok: false; message: string };

export class BodyFiles {
  private readonly cache = new Map<string, BodyFileResult>();

  /** `dir` is the config root; `realDir` its real path, against which symlinks are judged. */
  constructor(
    private readonly dir: string,
    private readonly realDir: string,
    /** The key that names the file, for messages. */
    private readonly label = 'body_file',
  ) {}

  read(written: string): BodyFileResult {
    let result = this.cache.get(written);
    if (!result) {
      result = this.load(written);
      this.cache.set(written, result);
    }
    return result;
  }

  private load(written: string): BodyFileResult {
    const quoted = `${this.label} ${JSON.stringify(written)}`;
    if (path.isAbsolute(written) || /^[A-Za-z]:[\\/]/.test(written)) {
      return { ok: false, message: `${quoted} must be relative to the config folder, not absolute` };
    }
    const relative = path.posix.normalize(written.replace(/\\/g, '/'));
    if (relative === '..' || relative.startsWith('../')) {
      return { ok: false, message: `${quoted} points outside the config folder` };
    }
    const full = path.join(this.dir, relative);
    let real: string;
    try {
      real = fs.realpathSync(full);
    } catch {
      return { ok: false, message: `${quoted} does not exist in the config folder` };
    }
    if (!isInside(this.realDir, real)) {
      return { ok: false, message: `${quoted} is a link to a file outside the config folder` };
    }
    try {
      const stat = fs.statSync(real);
      if (!stat.isFile()) return { ok: false, message: `${quoted} is not a file` };
      return { ok: true, path: relative, content: fs.readFileSync(real) };
    } catch (error) {
      return { ok: false, message: `${quoted} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }
}

export function isInside(dir: string, candidate: string): boolean {
  const relative = path.relative(dir, candidate);
  return relative !== '..' && !relative.startsWith('..' + path.sep) && !path.isAbsolute(relative);
}
