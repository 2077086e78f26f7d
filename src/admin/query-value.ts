/** One value of a query parameter: the first when it is repeated, undefined when absent. */
export function queryOne(v: unknown): string | undefined {
  return Array.isArray(v) ? String(v[0]) : v === undefined ? undefined : String(v);
}
