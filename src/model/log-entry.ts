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
  /** The test session the request belonged to (`X-Mockdock-Session`), null for the default session. */
  session: string | null;
  /** What went out: status, headers and body (cut at 64 KiB as request bodies are); null when no answer was sent. */
  response: { status: number; headers: Record<string, string>; body: unknown } | null;
}

/** An entry with the fields capabilities add (e.g. `proxied_to`, `recorded`, `graphql`, `direction`). */
export type NotedLogEntry = LogEntry & Record<string, unknown>;
