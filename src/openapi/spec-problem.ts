/** Problems found in an OpenAPI document, each tied to a place (file and JSON pointer). */

export interface SpecProblem {
  /** The document the problem is in: '' for the main document, else the referenced file's path. */
  file: string;
  /** JSON pointer inside that document, as a URI fragment ('#/paths/~1pets/get'). */
  pointer: string;
  message: string;
}

/** Collects problems so one bad `$ref` does not hide the next. */
export class ProblemSink {
  readonly problems: SpecProblem[] = [];
  private readonly seen = new Set<string>();

  add(file: string, pointer: string, message: string): void {
    const key = `${file}\u0000${pointer}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push({ file, pointer, message });
  }
}

/** `SPEC#/json/pointer: message`; problems in referenced files name that file instead of SPEC. */
export function formatProblem(spec: string, problem: SpecProblem): string {
  return `${problem.file === '' ? spec : problem.file}${problem.pointer}: ${problem.message}`;
}

/** Escapes one reference token for a JSON pointer (RFC 6901). */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Appends tokens to a '#/…' pointer. */
export function childPointer(pointer: string, ...tokens: Array<string | number>): string {
  let out = pointer === '' ? '#' : pointer;
  for (const t of tokens) out += `/${escapeToken(String(t))}`;
  return out;
}
