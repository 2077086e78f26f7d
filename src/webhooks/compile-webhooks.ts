/** Compiles an endpoint's `webhooks` list once per reload into a planner that renders them for one trigger. */
import type { Locate } from '../model/endpoint';
import type { Random } from '../model/clock';
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes } from '../errors/codes';
import { type Template, compileTemplate, looksLikeTemplate } from '../response/compile-template';
import { type CompiledResponse, type TemplateContext, compileResponse } from '../response/compile-response';
import { templateIssues } from '../response/template-issues';
import { type LatencySampler, compileLatency } from '../behaviours/latency';
import { isFiniteNumber, issueAt, keyName, shown } from '../behaviours/issue';
import { createRandom, deriveSeed } from '../behaviours/random';
import { HTTP_TOKEN } from '../util/http-token';
import { isObject } from '../util/is-object';
import { childPointer } from '../util/json-pointer';
import type { PlannedWebhook } from './webhook-spec';
import { targetProblem, templatedTargetProblem } from './webhook-target';

/** More retries than this only keep a dead target in the queue. */
export const MAX_RETRIES = 10;

/** Sent with every webhook: how many webhooks through mockdock led to this one (1 for the first). */
export const HOPS_HEADER = 'x-mockdock-webhook-hops';

/** A webhook that mockdock itself receives may trigger more; past this many in a row, the chain is a loop. */
export const MAX_HOPS = 8;

/** The request that triggered webhooks, beyond what templates see. */
export interface Trigger {
  /** Its test session, null for the default one. */
  session: string | null;
  /** Its `X-Mockdock-Webhook-Hops` (0 when it did not come from a webhook). */
  hops: number;
}

const FIRST: Trigger = Object.freeze({ session: null, hops: 0 });

/** Headers the HTTP client sets itself from the body and the connection; a config may not. */
const CLIENT_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'expect', 'host']);

interface CompiledWebhook {
  url: Template;
  method: string;
  message: CompiledResponse;
  hasBody: boolean;
  delay: LatencySampler | null;
  attempts: number;
}

/** The webhooks of one endpoint, with their own seeded streams (template values, delays). */
export interface WebhookPlanner {
  readonly count: number;
  /** Renders every webhook for one answered request; `now` is the time of the trigger. */
  plan(ctx: TemplateContext, now: number, trigger?: Trigger): PlannedWebhook[];
}

export interface WebhookCompileOptions {
  /** The endpoint's name: it labels what is sent and keys the random streams. */
  name: string;
  seed: number;
  /** The endpoint's `template` key: false sends every string as written. */
  templating?: boolean;
}

export type WebhookCompileResult = { ok: true; planner: WebhookPlanner | null } | { ok: false; issues: ConfigIssue[] };

/** Compiles `webhooks` (the endpoint key at `/webhooks`); null planner when there are none. */
export function compileWebhooks(list: unknown, locate: Locate, opts: WebhookCompileOptions): WebhookCompileResult {
  if (list === undefined || list === null) return { ok: true, planner: null };
  if (!Array.isArray(list)) return { ok: false, issues: [issueAt(locate, '/webhooks', `must be a list of webhooks (got ${shown(list)})`, ErrorCodes.CONFIG_WEBHOOK)] };
  const issues: ConfigIssue[] = [];
  const hooks = list.map((item, i) => compileOne(item, `/webhooks/${i}`, locate, opts.templating !== false, issues));
  if (issues.length > 0) return { ok: false, issues };
  if (hooks.length === 0) return { ok: true, planner: null };
  return { ok: true, planner: createPlanner(hooks as CompiledWebhook[], opts) };
}

function compileOne(item: unknown, prefix: string, locate: Locate, templating: boolean, issues: ConfigIssue[]): CompiledWebhook | null {
  const at = (key: string, rule: string, code: string = ErrorCodes.CONFIG_WEBHOOK) => issues.push(issueAt(locate, `${prefix}${key}`, rule, code));
  if (!isObject(item)) {
    at('', `must be an object with at least a url (got ${shown(item)})`);
    return null;
  }
  const spec = item;
  const before = issues.length;

  const url = compileUrl(spec.url, templating, locate, `${prefix}/url`, issues);

  const method = spec.method === undefined ? 'POST' : String(spec.method).toUpperCase();
  if (typeof spec.method !== 'undefined' && (typeof spec.method !== 'string' || !HTTP_TOKEN.test(spec.method))) {
    at('/method', `must be an HTTP method such as POST or PUT (got ${shown(spec.method)})`);
  }

  const headers = spec.headers as Record<string, unknown> | undefined;
  for (const name of Object.keys(isObject(headers) ? headers : {})) {
    if (CLIENT_HEADERS.has(name.toLowerCase())) at(childPointer('/headers', name), `is set by mockdock from the body and connection; leave "${name}" out`);
  }
  const hasBody = spec.body !== undefined && spec.body !== null;
  // The body and headers are compiled as an answer is; issues under `/response` are moved to `/body`.
  const asResponse = `${prefix}/response`;
  const bodyLocate: Locate = (pointer) => locate(pointer.startsWith(asResponse) ? `${prefix}/body${pointer.slice(asResponse.length)}` : pointer);
  const compiled = compileResponse({ headers: headers as Record<string, string> | undefined, response: hasBody ? spec.body : undefined, template: templating }, bodyLocate, prefix);
  if (!compiled.ok) issues.push(...compiled.issues.map((issue) => ({ ...issue, code: issue.code === ErrorCodes.CONFIG_SCHEMA ? ErrorCodes.CONFIG_WEBHOOK : issue.code })));

  const latency = compileLatency(spec.delay_ms as never, locate, `${prefix}/delay_ms`);
  if (!latency.ok) issues.push(...latency.issues);

  const retries = spec.retries ?? 0;
  if (!isFiniteNumber(retries) || !Number.isInteger(retries) || retries < 0 || retries > MAX_RETRIES) {
    at('/retries', `must be a whole number from 0 to ${MAX_RETRIES} (got ${shown(retries)})`);
  }

  if (issues.length > before || !url || !compiled.ok || !latency.ok) return null;
  return { url, method, message: compiled.response, hasBody, delay: latency.sample, attempts: 1 + (retries as number) };
}

function compileUrl(raw: unknown, templating: boolean, locate: Locate, pointer: string, issues: ConfigIssue[]): Template | null {
  if (typeof raw !== 'string' || raw === '') {
    issues.push(issueAt(locate, pointer, `must be the URL to call, such as "http://app:3000/hooks" (got ${shown(raw)})`, ErrorCodes.CONFIG_WEBHOOK));
    return null;
  }
  if (!templating || !looksLikeTemplate(raw)) {
    const problem = targetProblem(raw);
    if (problem) issues.push(issueAt(locate, pointer, problem, ErrorCodes.CONFIG_WEBHOOK));
    return problem ? null : { text: raw, render: () => raw };
  }
  const result = compileTemplate(raw);
  if (!result.ok) {
    for (const message of templateIssues(raw, result.problems, { kind: 'inline' })) {
      const { file, line, col } = locate(pointer);
      issues.push({ file, line, col, code: ErrorCodes.CONFIG_TEMPLATE, message: `${keyName(pointer)}: ${message}` });
    }
    return null;
  }
  const problem = templatedTargetProblem(raw);
  if (problem) {
    issues.push(issueAt(locate, pointer, problem, ErrorCodes.CONFIG_WEBHOOK));
    return null;
  }
  return result.template;
}

function createPlanner(hooks: CompiledWebhook[], opts: WebhookCompileOptions): WebhookPlanner {
  // Streams of their own: a webhook never shifts the latency or failures its endpoint draws, nor the reverse.
  const templateRandom: Random = createRandom(deriveSeed(opts.seed, `${opts.name}#webhook-template`));
  const delayRandom: Random = createRandom(deriveSeed(opts.seed, `${opts.name}#webhook-delay`));
  const endpoint = opts.name;
  return {
    count: hooks.length,
    plan(ctx, now, trigger = FIRST) {
      const env = { now, random: templateRandom };
      const { session, hops } = trigger;
      return hooks.map((hook, index) => {
        const url = hook.url.render(ctx, env);
        const rendered = hook.message.render(ctx, env);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(rendered.headers)) if (name !== 'content-length') headers[name] = value;
        headers[HOPS_HEADER] = String(hops + 1);
        const request = { method: hook.method, url, headers, body: hook.hasBody ? rendered.body : undefined };
        const planned: PlannedWebhook = { endpoint, index, session, request, delayMs: hook.delay ? hook.delay(delayRandom) : 0, attempts: hook.attempts };
        const refused = hook.url.text === undefined ? targetProblem(url) : undefined;
        if (refused) planned.refused = `url ${refused}`;
        else if (hops >= MAX_HOPS) planned.refused = `${MAX_HOPS} webhooks in a row came back to mockdock: stopped here to break the loop`;
        return planned;
      });
    },
  };
}
