/** The `graphql` field of a log entry, and the metric label it is counted under (kept out of the log). */

/** Symbol key: JSON (logs, /__logs) leaves it out, the metrics read it. */
export const COUNTED_AS = Symbol('graphql operation label');

export interface GraphqlNote {
  /** The operation's name; null when anonymous or when the request did not parse. */
  operation: string | null;
  /** query, mutation or subscription; null when the request did not parse. */
  type: string | null;
  /** The `operation` label of mockdock_graphql_operations_total: a name listed in `operations`, else "other". */
  [COUNTED_AS]?: string;
}
