/** What a writer never saves: secret headers (always, plus a redact list) and, on request, JSON fields by name. */

/** Left out of saved headers and match conditions, whatever the options say. */
export const SECRET_HEADERS: readonly string[] = ['authorization', 'cookie', 'set-cookie', 'proxy-authorization', 'x-api-key'];

export const REDACTED = 'REDACTED';

export interface RedactOptions {
  /** More header names to leave out (any case). */
  headers?: readonly string[];
  /** JSON field names whose values become "REDACTED" in saved answers and are left out of `match.body`. */
  fields?: readonly string[];
}

export interface Redactor {
  isSecretHeader(name: string): boolean;
  /** A copy of `value` with every redacted field's value replaced, anywhere in the tree. */
  maskFields(value: unknown): unknown;
  /** A copy of `value` without the redacted fields, anywhere in the tree. */
  dropFields(value: unknown): unknown;
}

export function makeRedactor(opts: RedactOptions = {}): Redactor {
  const headers = new Set([...SECRET_HEADERS, ...(opts.headers ?? []).map((h) => h.toLowerCase())]);
  const fields = new Set(opts.fields ?? []);
  const walk = (value: unknown, onField: (out: Record<string, unknown>, key: string) => void): unknown => {
    if (fields.size === 0 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => walk(v, onField));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (fields.has(k)) onField(out, k);
      else out[k] = walk(v, onField);
    }
    return out;
  };
  return {
    isSecretHeader: (name) => headers.has(name.toLowerCase()),
    maskFields: (value) => walk(value, (out, k) => { out[k] = REDACTED; }),
    dropFields: (value) => walk(value, () => undefined),
  };
}
