/** One recorded request, as `/__logs` returns it. */
export interface LogEntry {
  id: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
  endpoint: string | null;
  /** HTTP status, or the fault kind (`reset`, `empty`, `timeout`) when no status was sent. */
  status: number | string;
  duration_ms: number;
  latency_ms: number;
  failure: string | null;
}
