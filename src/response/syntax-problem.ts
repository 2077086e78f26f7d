/** Turns Handlebars' parser errors (multi-line, with token names) into one readable line. */
import type { TemplateProblem } from './template-check';

const TOKENS: Record<string, string> = {
  EOF: 'the end of the template (is a {{ or a block left open?)',
  INVALID: 'text that cannot start an expression (an unclosed {{ or a stray character?)',
  CLOSE: '"}}"',
  CLOSE_UNESCAPED: '"}}}"',
  OPEN: '"{{"',
  OPEN_ENDBLOCK: '"{{/"',
  EQUALS: '"="',
  SEP: '"." or "/"',
  ID: 'a name',
  NUMBER: 'a number (write array items as .[0])',
  STRING: 'a quoted string',
};

export function syntaxProblem(err: unknown, source: string): TemplateProblem {
  const raw = err instanceof Error ? err.message : String(err);
  const lines = raw.split('\n');
  const e = err as { lineNumber?: number; column?: number };
  if (typeof e.lineNumber === 'number') {
    // Handlebars' own exceptions ("if doesn't match each - 1:3") carry a position.
    return { message: `syntax error: ${lines[0].replace(/ - \d+:\d+$/, '')}`, line: e.lineNumber, column: (e.column ?? 0) + 1 };
  }
  const line = Number(/line (\d+)/.exec(lines[0])?.[1] ?? 1);
  const got = /got '([A-Z_]+)'/.exec(raw)?.[1];
  const what = got ? `unexpected ${TOKENS[got] ?? got}` : lines[0];
  const excerpt = lines[1] ?? '';
  const caret = (lines[2] ?? '').indexOf('^');
  return { message: `syntax error: ${what}`, line, column: columnOf(source, line, excerpt, caret) };
}

/** The parser shows up to 20 characters before the error; find them in the line to get a column. */
function columnOf(source: string, line: number, excerpt: string, caret: number): number {
  if (caret < 0) return 1;
  const before = excerpt.slice(0, caret);
  const text = source.split('\n')[line - 1] ?? '';
  const at = text.lastIndexOf(before);
  return at >= 0 && !before.includes('\n') ? at + before.length + 1 : 1;
}
