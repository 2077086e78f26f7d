/** A compiled query/header condition: an exact string, or a regular expression built once. */

export interface StringTest {
  /** Set for an exact match; null for a regex. */
  exact: string | null;
  regex: RegExp | null;
}

export type StringTestResult =
  | { ok: true; test: StringTest }
  | { ok: false; kind: 'regex' | 'shape'; message: string };

/**
 * `"abc"` matches exactly; `{regex: "^a"}` searches (add ^ and $ to anchor). Numbers and
 * booleans are compared as text because YAML turns `page: 2` into a number.
 */
export function compileStringCondition(raw: unknown, label: string): StringTestResult {
  if (typeof raw === 'string') return { ok: true, test: { exact: raw, regex: null } };
  if (typeof raw === 'number' || typeof raw === 'boolean') {
    return { ok: true, test: { exact: String(raw), regex: null } };
  }
  if (raw !== null && typeof raw === 'object' && typeof (raw as { regex?: unknown }).regex === 'string') {
    const source = (raw as { regex: string }).regex;
    try {
      return { ok: true, test: { exact: null, regex: new RegExp(source) } };
    } catch (err) {
      const why = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err);
      return { ok: false, kind: 'regex', message: `${label}: invalid regular expression ${JSON.stringify(source)}: ${why}` };
    }
  }
  return { ok: false, kind: 'shape', message: `${label} must be a string or {regex: "..."}` };
}

export function testString(t: StringTest, value: string): boolean {
  return t.exact !== null ? value === t.exact : t.regex!.test(value);
}

/** True when the value, or any one of a repeated value, passes. */
export function testValue(t: StringTest, value: string | string[] | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return testString(t, value);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] === 'string' && testString(t, value[i])) return true;
  }
  return false;
}
