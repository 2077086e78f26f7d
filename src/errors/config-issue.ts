/** Config problems: the type lives in model/ so the pipeline's types can name it; formatting lives here. */
import type { ConfigIssue } from '../model/config-issue';

export type { ConfigIssue };

/** `file:line:col message` — the format `mockdock validate` prints. */
export function formatIssue(issue: ConfigIssue): string {
  return `${issue.file}:${issue.line}:${issue.col} ${issue.message}`;
}
