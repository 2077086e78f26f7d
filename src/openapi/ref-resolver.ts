/** Follows `$ref`s inside the main document and the files it references, reporting broken ones by place. */
import path from 'node:path';
import { ProblemSink, childPointer, unescapeToken } from './spec-problem';

/** Where a value sits: the document ('' = main) and a '#/…' pointer inside it. */
export interface Loc {
  file: string;
  pointer: string;
}

export interface Located<T = unknown> {
  value: T;
  loc: Loc;
}

/** The place of a value below `loc`. */
export function at(loc: Loc, ...tokens: Array<string | number>): Loc {
  return { file: loc.file, pointer: childPointer(loc.pointer, ...tokens) };
}

/** A referenced file: its parsed content, or why it could not be read. */
export type ExternalDocs = ReadonlyMap<string, unknown>;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function refOf(v: unknown): string | undefined {
  return isObject(v) && typeof v.$ref === 'string' ? v.$ref : undefined;
}

export class RefResolver {
  /**
   * @param root the main document
   * @param rootPath absolute path the main document's relative refs resolve against
   * @param externals referenced files by absolute path (an Error value: the file could not be read)
   */
  constructor(
    private readonly root: unknown,
    private readonly rootPath: string,
    private readonly externals: ExternalDocs,
    readonly sink: ProblemSink,
  ) {}

  /** The document a Loc points into. */
  private doc(file: string): unknown {
    return file === '' ? this.root : this.externals.get(file);
  }

  /** How a file is named in messages: relative to the main document's folder. */
  displayName(file: string): string {
    if (file === '') return '';
    const rel = path.relative(path.dirname(this.rootPath), file);
    return rel.split(path.sep).join('/');
  }

  /** Where `ref`, written at `from`, points to; null (and a problem) when it cannot be followed. */
  target(ref: string, from: Loc): Loc | null {
    const hash = ref.indexOf('#');
    const filePart = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    if (filePart === '') return { file: from.file, pointer: fragment === '' ? '#' : `#${fragment}` };
    if (/^[a-z][a-z0-9+.-]*:/i.test(filePart) && !/^[a-z]:[\\/]/i.test(filePart)) {
      this.problem(from, `$ref ${JSON.stringify(ref)} points to a URL; only local files are followed`);
      return null;
    }
    const base = from.file === '' ? this.rootPath : from.file;
    let decoded = filePart;
    try {
      decoded = decodeURI(filePart);
    } catch {
      // keep the raw text: a malformed escape is more likely a literal '%'
    }
    const file = path.resolve(path.dirname(base), decoded);
    const abs = file === this.rootPath ? '' : file;
    return { file: abs, pointer: fragment === '' ? '#' : `#${fragment}` };
  }

  /** The value at a Loc, or undefined with the reason. */
  lookup(loc: Loc): { value: unknown } | { error: string } {
    const doc = this.doc(loc.file);
    if (doc === undefined) return { error: `file ${this.displayName(loc.file)} was not loaded` };
    if (doc instanceof Error) return { error: `cannot read ${this.displayName(loc.file)}: ${cleanMessage(doc.message)}` };
    if (loc.pointer === '#' || loc.pointer === '#/') return { value: doc };
    if (!loc.pointer.startsWith('#/')) return { error: `${JSON.stringify(loc.pointer)} is not a JSON pointer` };
    let cur: unknown = doc;
    let walked = '#';
    for (const raw of loc.pointer.slice(2).split('/')) {
      let token = unescapeToken(raw);
      try {
        token = decodeURIComponent(token);
      } catch {
        // a literal '%' in a key
      }
      const next =
        Array.isArray(cur) && /^\d+$/.test(token)
          ? cur[Number(token)]
          : isObject(cur) && Object.prototype.hasOwnProperty.call(cur, token)
            ? cur[token]
            : undefined;
      if (next === undefined) {
        const where = walked === '#' ? 'the document root' : walked;
        return { error: `there is no ${JSON.stringify(token)} in ${where}` };
      }
      cur = next;
      walked = childPointer(walked, token);
    }
    return { value: cur };
  }

  /**
   * Follows `$ref` chains from `value` (found at `loc`) to a value that is not a reference.
   * Returns null after reporting a broken or circular reference (`quiet`: a circular one is not
   * reported, for schemas, where such a chain simply describes nothing).
   */
  deref(value: unknown, loc: Loc, quiet = false): Located | null {
    let cur: Located = { value, loc };
    const seen = new Set<string>();
    for (;;) {
      const ref = refOf(cur.value);
      if (ref === undefined) return cur;
      const site = { file: cur.loc.file, pointer: childPointer(cur.loc.pointer, '$ref') };
      const to = this.target(ref, site);
      if (to === null) return null;
      const key = `${to.file}${to.pointer}`;
      if (seen.has(key)) {
        // inside a schema such a chain describes nothing and is simply left out
        if (!quiet) this.problem(site, `$ref ${JSON.stringify(ref)} is circular (it leads back to itself)`);
        return null;
      }
      seen.add(key);
      const found = this.lookup(to);
      if ('error' in found) {
        this.problem(site, `cannot resolve $ref ${JSON.stringify(ref)}: ${found.error}`);
        return null;
      }
      cur = { value: found.value, loc: to };
    }
  }

  problem(at: Loc, message: string): void {
    this.sink.add(this.displayName(at.file), at.pointer, message);
  }
}

/** Messages from the file reader carry absolute paths; the place is named separately. */
function cleanMessage(message: string): string {
  return message.replace(/^Error opening file [^:]*: /, '').replace(/, open '.*'$/, '');
}

/** The entries of a map such as `responses`: extension keys (`x-…`) skipped, `$ref`s followed, non-objects dropped. */
export function derefEntries(raw: unknown, loc: Loc, r: RefResolver): Array<{ key: string; value: Record<string, unknown>; loc: Loc }> {
  if (!isObject(raw)) return [];
  const out: Array<{ key: string; value: Record<string, unknown>; loc: Loc }> = [];
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('x-')) continue;
    const res = r.deref(value, at(loc, key));
    if (res !== null && isObject(res.value)) out.push({ key, value: res.value, loc: res.loc });
  }
  return out;
}
