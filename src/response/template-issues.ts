/** Words template problems for `file:line:col message` output, pointing inside the template when it spans lines. */
import type { TemplateProblem } from './template-check';

export type IssueFormat = { kind: 'inline' } | { kind: 'file'; path: string };

const EXCERPT = 40;

export function templateIssues(source: string, problems: TemplateProblem[], format: IssueFormat): string[] {
  return problems.map((p) => {
    if (format.kind === 'file') return `body file ${format.path} line ${p.line}, col ${p.column}: ${p.message}`;
    if (source.includes('\n')) return `template line ${p.line}, col ${p.column}: ${p.message}`;
    const excerpt = source.length > EXCERPT ? `${source.slice(0, EXCERPT - 1)}…` : source;
    return `template ${JSON.stringify(excerpt)}: ${p.message}`;
  });
}
