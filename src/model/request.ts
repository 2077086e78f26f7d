/** A request as the framework-free core sees it. */
export interface MockRequest {
  /** Upper-case. */
  method: string;
  /** Path as sent (percent-encoded), without the query string; the matcher decodes each segment. */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed body: JSON value, form object or text; undefined when there is none. */
  body: unknown;
  /** Client address, used as the default rate-limit key. */
  ip: string;
  /** The body's bytes, when it had one: what a proxy forwards (decompressed for the types mockdock parses). */
  raw?: Buffer;
  /** The request target as sent (path and query string, encoded as they came), for forwarding it. */
  target?: string;
  /** With mTLS (`--tls-ca`): the subject of the client's certificate, e.g. "CN=alice, O=Example". */
  tlsClient?: string;
}
