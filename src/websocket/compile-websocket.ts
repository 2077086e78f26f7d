/** Compiles an endpoint's `websocket` key once per reload, reporting every problem at its key. */
import type { Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { compileLatency, MAX_DELAY_MS, type LatencySampler } from '../behaviours/latency';
import { isNonNegative, isPositiveInteger, keyName, shown } from '../behaviours/issue';
import { CONNECTION_ROOTS, MESSAGE_ROOTS } from '../streams/stream-context';
import { IssueSink, type RenderText, compileText } from '../streams/compile-text';
import type { CloseAction, CompiledDrop, CompiledPush, CompiledRule, CompiledScript, CompiledStep } from './compiled-script';
import { compileMessageMatch } from './message-match';
import { type CompiledProxy, compileProxy } from './compile-proxy';
import { DEFAULT_MAX_MESSAGE_BYTES, type CloseSpec, type DropSpec, type WebSocketSpec } from './websocket-spec';

export type CompiledWebSocket =
  | { kind: 'script'; script: CompiledScript }
  | { kind: 'proxy'; proxy: CompiledProxy; drop: CompiledDrop | null; maxMessageBytes: number };

export type CompileWebSocketResult = { ok: true; websocket: CompiledWebSocket } | { ok: false; issues: ConfigIssue[] };

const SCRIPT_KEYS = ['on_connect', 'on_message', 'every', 'close', 'drop', 'max_message_bytes', 'proxy'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Close codes an endpoint may send (RFC 6455 7.4; 1004–1006 and 1015 are reserved for other uses). */
export function isSendableCloseCode(code: unknown): code is number {
  return Number.isInteger(code) && (((code as number) >= 1000 && (code as number) <= 1014 && ![1004, 1005, 1006].includes(code as number)) || ((code as number) >= 3000 && (code as number) <= 4999));
}

export function compileWebSocket(value: unknown, locate: Locate, pointer = '/websocket'): CompileWebSocketResult {
  const sink = new IssueSink(locate);
  const spec = value as WebSocketSpec;
  if (!isObject(value)) {
    sink.add(pointer, `${keyName(pointer)} must be an object (on_connect, on_message, every, close, drop or proxy)`);
    return { ok: false, issues: sink.issues };
  }
  for (const key of Object.keys(spec)) {
    if (!SCRIPT_KEYS.includes(key)) sink.add(`${pointer}/${key}`, `${keyName(pointer)} has no key "${key}" (keys: ${SCRIPT_KEYS.join(', ')})`);
  }
  const drop = spec.drop === undefined ? null : compileDrop(spec.drop, `${pointer}/drop`, sink);
  const maxMessageBytes = spec.max_message_bytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (!isPositiveInteger(maxMessageBytes)) sink.add(`${pointer}/max_message_bytes`, `${keyName(`${pointer}/max_message_bytes`)} must be a whole number of bytes >= 1 (got ${shown(maxMessageBytes)})`);

  if (spec.proxy !== undefined) {
    const scripted = ['on_connect', 'on_message', 'every', 'close'].filter((k) => k in spec);
    if (scripted.length > 0) sink.add(`${pointer}/proxy`, `${keyName(`${pointer}/proxy`)} passes frames to the upstream: remove ${scripted.join(', ')} (scripts and a proxy do not mix)`);
    const proxy = compileProxy(spec.proxy, `${pointer}/proxy`, sink);
    if (sink.issues.length > 0 || !proxy) return { ok: false, issues: sink.issues };
    return { ok: true, websocket: { kind: 'proxy', proxy, drop, maxMessageBytes } };
  }

  const script: CompiledScript = {
    onConnect: list(spec.on_connect, `${pointer}/on_connect`, sink, (step, at) => compileStep(step, at, sink)),
    rules: list(spec.on_message, `${pointer}/on_message`, sink, (rule, at) => compileRule(rule, at, sink)),
    pushes: list(spec.every, `${pointer}/every`, sink, (push, at) => compilePush(push, at, sink)),
    close: spec.close === undefined ? null : compileTimedClose(spec.close, `${pointer}/close`, sink),
    drop,
    maxMessageBytes,
  };
  if (sink.issues.length > 0) return { ok: false, issues: sink.issues };
  return { ok: true, websocket: { kind: 'script', script } };
}

function list<T>(value: unknown, pointer: string, sink: IssueSink, each: (item: Record<string, unknown>, at: string) => T | null): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    sink.add(pointer, `${keyName(pointer)} must be a list`);
    return [];
  }
  const out: T[] = [];
  value.forEach((item, i) => {
    const at = `${pointer}/${i}`;
    if (!isObject(item)) return sink.add(at, `${keyName(at)} must be an object`);
    const compiled = each(item, at);
    if (compiled) out.push(compiled);
  });
  return out;
}

/** `send`: one message, or a list of messages sent in turn. */
function compileSend(value: unknown, pointer: string, roots: ReadonlySet<string>, sink: IssueSink): RenderText[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item, i) => compileText(item, Array.isArray(value) ? `${pointer}/${i}` : pointer, roots, sink));
}

function latencyOf(value: unknown, pointer: string, sink: IssueSink): LatencySampler | null {
  const result = compileLatency(value as never, sink.locate, pointer);
  if (!result.ok) {
    sink.issues.push(...result.issues);
    return null;
  }
  return result.sample;
}

function compileStep(step: Record<string, unknown>, at: string, sink: IssueSink): CompiledStep | null {
  if (step.send === undefined) sink.add(at, `${keyName(at)} needs send`);
  return { send: compileSend(step.send, `${at}/send`, CONNECTION_ROOTS, sink), latency: latencyOf(step.latency_ms, `${at}/latency_ms`, sink) };
}

function compileRule(rule: Record<string, unknown>, at: string, sink: IssueSink): CompiledRule | null {
  const when = rule.match === undefined ? null : compileMessageMatch(rule.match as never, `${at}/match`, sink);
  const echo = rule.echo === true;
  if (rule.echo !== undefined && typeof rule.echo !== 'boolean') sink.add(`${at}/echo`, `${keyName(`${at}/echo`)} must be true or false`);
  if (rule.send === undefined && !echo && rule.close === undefined) sink.add(at, `${keyName(at)} needs send, echo: true or close`);
  const close = rule.close === undefined || rule.close === false ? null : closeAction(rule.close === true ? {} : rule.close, `${at}/close`, sink);
  return { when, echo, close, send: compileSend(rule.send, `${at}/send`, MESSAGE_ROOTS, sink), latency: latencyOf(rule.latency_ms, `${at}/latency_ms`, sink) };
}

function compilePush(push: Record<string, unknown>, at: string, sink: IssueSink): CompiledPush | null {
  const { interval_ms: interval, times } = push;
  if (!isNonNegative(interval) || interval < 1 || interval > MAX_DELAY_MS) sink.add(`${at}/interval_ms`, `${keyName(`${at}/interval_ms`)} must be a number of milliseconds >= 1 (got ${shown(interval)})`);
  if (times !== undefined && !isPositiveInteger(times)) sink.add(`${at}/times`, `${keyName(`${at}/times`)} must be a whole number >= 1 (got ${shown(times)})`);
  if (push.send === undefined) sink.add(at, `${keyName(at)} needs send`);
  return { intervalMs: interval as number, times: (times as number | undefined) ?? null, send: compileSend(push.send, `${at}/send`, CONNECTION_ROOTS, sink) };
}

function closeAction(spec: unknown, pointer: string, sink: IssueSink): CloseAction | null {
  if (!isObject(spec)) {
    sink.add(pointer, `${keyName(pointer)} must be an object {code?, reason?} or true`);
    return null;
  }
  const code = spec.code ?? 1000;
  const reason = spec.reason ?? '';
  if (!isSendableCloseCode(code)) sink.add(`${pointer}/code`, `${keyName(`${pointer}/code`)} must be 1000–1003, 1007–1014 or 3000–4999 (got ${shown(code)})`);
  if (typeof reason !== 'string' || Buffer.byteLength(reason) > 123) sink.add(`${pointer}/reason`, `${keyName(`${pointer}/reason`)} must be text of at most 123 bytes`);
  return { code: code as number, reason: String(reason) };
}

function compileTimedClose(spec: CloseSpec, pointer: string, sink: IssueSink): (CloseAction & { afterMs: number }) | null {
  const action = closeAction(spec, pointer, sink);
  if (!action) return null;
  const afterMs = spec.after_ms;
  if (!isNonNegative(afterMs) || afterMs > MAX_DELAY_MS) {
    sink.add(`${pointer}/after_ms`, `${keyName(`${pointer}/after_ms`)} must be a number of milliseconds >= 0 (got ${shown(afterMs)})`);
    return null;
  }
  return { ...action, afterMs };
}

function compileDrop(value: unknown, pointer: string, sink: IssueSink): CompiledDrop | null {
  const spec = value as DropSpec;
  if (!isObject(value)) {
    sink.add(pointer, `${keyName(pointer)} must be an object {after_ms?, after_messages?, rate?}`);
    return null;
  }
  const { after_ms: afterMs, after_messages: afterMessages, rate } = spec;
  if (afterMs === undefined && afterMessages === undefined && rate === undefined) sink.add(pointer, `${keyName(pointer)} needs after_ms, after_messages or rate`);
  if (afterMs !== undefined && (!isNonNegative(afterMs) || afterMs > MAX_DELAY_MS)) sink.add(`${pointer}/after_ms`, `${keyName(`${pointer}/after_ms`)} must be a number of milliseconds >= 0 (got ${shown(afterMs)})`);
  if (afterMessages !== undefined && !isPositiveInteger(afterMessages)) sink.add(`${pointer}/after_messages`, `${keyName(`${pointer}/after_messages`)} must be a whole number >= 1 (got ${shown(afterMessages)})`);
  if (rate !== undefined && (!isNonNegative(rate) || rate > 1)) sink.add(`${pointer}/rate`, `${keyName(`${pointer}/rate`)} must be a chance from 0 to 1 (got ${shown(rate)})`);
  return { afterMs: afterMs ?? null, afterMessages: afterMessages ?? null, rate: rate ?? 0 };
}
