/** Mockoon response rules → mockdock `match` conditions (one variant per OR-ed rule), or why they cannot be carried. */
import type { MatchSpec, StringCondition } from '../../model/endpoint';
import { escapeRegex, fullMatchRegex } from '../regex-path';
import { simpleJsonPath } from '../template-translate';

export interface MockoonRule {
  target: string;
  modifier?: string;
  value?: string;
  operator?: string;
  invert?: boolean;
}

/** One way a response can be chosen: extra conditions, a method, fixed path parameters. */
export interface Variant {
  match: MatchSpec;
  method?: string;
  params: Record<string, string>;
}

type Result = { ok: true; apply(v: Variant): void } | { ok: false; why: string };

function typed(text: string): unknown {
  return /^(-?\d+(\.\d+)?|true|false|null)$/.test(text) ? JSON.parse(text) : text;
}

function nest(key: string, value: unknown): Record<string, unknown> {
  const parts = key.split('.');
  const out: Record<string, unknown> = {};
  let at = out;
  parts.forEach((p, i) => {
    if (i === parts.length - 1) at[p] = value;
    else at = (at[p] = {}) as Record<string, unknown>;
  });
  return out;
}

function merge(a: unknown, b: Record<string, unknown>): unknown {
  if (!a || typeof a !== 'object' || Array.isArray(a)) return b;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b)) out[k] = k in out && v && typeof v === 'object' ? merge(out[k], v as Record<string, unknown>) : v;
  return out;
}

function stringCondition(rule: MockoonRule): StringCondition | string {
  const value = rule.value ?? '';
  if (rule.operator === 'equals' || rule.operator === undefined) return value;
  if (rule.operator === 'regex') return fullMatchRegex(value) ? { regex: value } : `regex ${JSON.stringify(value)} is not valid in JavaScript`;
  return `operator ${rule.operator} has no mockdock counterpart`;
}

export function convertRule(rule: MockoonRule, pathParams: ReadonlySet<string>): Result {
  if (rule.invert) return { ok: false, why: 'inverted rules have no mockdock counterpart' };
  if ((rule.value ?? '').includes('{{')) return { ok: false, why: 'a templated rule value is computed per request; mockdock conditions are fixed' };
  const mod = rule.modifier ?? '';
  const value = rule.value ?? '';
  switch (rule.target) {
    case 'query':
    case 'header': {
      if (!mod) return { ok: false, why: `a ${rule.target} rule needs a name` };
      const cond = stringCondition(rule);
      if (typeof cond === 'string' && rule.operator && rule.operator !== 'equals') return { ok: false, why: cond };
      const section = rule.target === 'query' ? 'query' : 'headers';
      const name = section === 'headers' ? mod.toLowerCase() : mod;
      return { ok: true, apply: (v) => { v.match[section] = { ...(v.match[section] ?? {}), [name]: cond }; } };
    }
    case 'cookie': {
      if (!mod || (rule.operator ?? 'equals') !== 'equals') return { ok: false, why: 'only "equals" cookie rules map (to a Cookie header condition)' };
      const re = `(?:^|;\\s*)${escapeRegex(mod)}=${escapeRegex(value)}(?:;|$)`;
      return { ok: true, apply: (v) => { v.match.headers = { ...(v.match.headers ?? {}), cookie: { regex: re } }; } };
    }
    case 'body': {
      if ((rule.operator ?? 'equals') !== 'equals') return { ok: false, why: `body rules with "${rule.operator}" have no mockdock counterpart (bodies match as partial JSON)` };
      if (!mod) {
        try {
          const whole: unknown = JSON.parse(value);
          if (whole && typeof whole === 'object') return { ok: true, apply: (v) => { v.match.body = whole; } };
        } catch {
          // not JSON
        }
        return { ok: false, why: 'a whole-body rule that is not a JSON object has no mockdock counterpart' };
      }
      const key = simpleJsonPath(mod);
      if (!key) return { ok: false, why: `body path ${JSON.stringify(mod)} is not a plain path` };
      return { ok: true, apply: (v) => { v.match.body = merge(v.match.body, nest(key, typed(value))); } };
    }
    case 'params': {
      if (!pathParams.has(mod)) return { ok: false, why: `the route has no parameter :${mod}` };
      if ((rule.operator ?? 'equals') !== 'equals') return { ok: false, why: 'only "equals" path parameter rules map (to a literal path segment)' };
      if (value === '' || value.includes('/')) return { ok: false, why: 'the value is not one path segment' };
      return { ok: true, apply: (v) => { v.params[mod] = value; } };
    }
    case 'method':
      return { ok: true, apply: (v) => { v.method = value.toUpperCase(); } };
    default:
      return { ok: false, why: `rules on ${rule.target} have no mockdock counterpart` };
  }
}

/** AND: one variant holding every condition; OR: one variant per rule. Rules that cannot be carried are returned as reasons. */
export function variantsOf(rules: MockoonRule[], operator: string | undefined, pathParams: ReadonlySet<string>): { variants: Variant[]; problems: string[] } {
  const problems: string[] = [];
  const converted = rules.map((r) => ({ r, c: convertRule(r, pathParams) }));
  for (const { r, c } of converted) if (!c.ok) problems.push(`rule ${r.target}${r.modifier ? ` ${r.modifier}` : ''} ${r.operator ?? 'equals'} ${JSON.stringify(r.value ?? '')}: ${c.why}`);
  const fresh = (): Variant => ({ match: {}, params: {} });
  if (operator === 'AND') {
    if (problems.length > 0) return { variants: [], problems };
    const v = fresh();
    for (const { c } of converted) if (c.ok) c.apply(v);
    return { variants: [v], problems };
  }
  const variants = converted.flatMap(({ c }) => {
    if (!c.ok) return [];
    const v = fresh();
    c.apply(v);
    return [v];
  });
  return { variants, problems };
}
