/** Building, de-duplicating and ordering config issues. */
import type { ConfigIssue } from '../errors/config-issue';

/** One problem per place and message (defaults shared by many endpoints would repeat theirs), ordered by file load order, then line and column. */
export function orderIssues(issues: readonly ConfigIssue[], fileOrder: readonly string[]): ConfigIssue[] {
  const rank = new Map(fileOrder.map((file, i) => [file, i]));
  const seen = new Set<string>();
  const unique = issues.filter((issue) => {
    const key = `${issue.file}\u0000${issue.line}\u0000${issue.col}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) =>
      (rank.get(a.file) ?? -1) - (rank.get(b.file) ?? -1) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.col - b.col,
  );
}
