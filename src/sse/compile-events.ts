/** Compiles an endpoint's `events` list (with `repeat` and `keep_open`) once per reload into a schedule of rendered events. */
import type { Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { MAX_DELAY_MS } from '../behaviours/latency';
import { isNonNegative, keyName, shown } from '../behaviours/issue';
import type { RenderEnv } from '../model/answer';
import { IssueSink, compileText } from '../streams/compile-text';
import { CONNECTION_ROOTS, type StreamContext } from '../streams/stream-context';
import { formatEvent } from './event-format';

export interface ScheduledEvent {
  /** Wait this long after the previous event (or the start) before writing this one. */
  delayMs: number;
  render(ctx: StreamContext, env: RenderEnv): string;
}

export interface EventSchedule {
  events: ScheduledEvent[];
  /** Start over after the last event. */
  repeat: boolean;
  /** Keep the stream open after the last event, for pushes (always so for an empty list). */
  keepOpen: boolean;
}

export interface EventsSource {
  events: unknown;
  repeat?: unknown;
  keep_open?: unknown;
}

export type CompileEventsResult = { ok: true; schedule: EventSchedule } | { ok: false; issues: ConfigIssue[] };

const KEYS = ['event', 'id', 'data', 'delay_ms', 'retry'];

export function compileEvents(src: EventsSource, locate: Locate): CompileEventsResult {
  const sink = new IssueSink(locate);
  const events: ScheduledEvent[] = [];
  if (!Array.isArray(src.events)) {
    sink.add('/events', 'events must be a list of {data, event?, id?, delay_ms?}');
  } else {
    src.events.forEach((item, i) => {
      const compiled = compileEvent(item, `/events/${i}`, sink);
      if (compiled) events.push(compiled);
    });
  }
  for (const key of ['repeat', 'keep_open'] as const) {
    if (src[key] !== undefined && typeof src[key] !== 'boolean') sink.add(`/${key}`, `${key} must be true or false`);
  }
  const repeat = src.repeat === true;
  if (repeat && events.length > 0 && events.every((e) => e.delayMs === 0)) {
    sink.add('/repeat', 'repeat: true needs at least one event with delay_ms above 0, or the stream would spin');
  }
  if (sink.issues.length > 0) return { ok: false, issues: sink.issues };
  return { ok: true, schedule: { events, repeat, keepOpen: src.keep_open === true || events.length === 0 } };
}

function compileEvent(item: unknown, at: string, sink: IssueSink): ScheduledEvent | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    sink.add(at, `${keyName(at)} must be an object {data, event?, id?, delay_ms?}`);
    return null;
  }
  const spec = item as Record<string, unknown>;
  for (const key of Object.keys(spec)) {
    if (!KEYS.includes(key)) sink.add(`${at}/${key}`, `${keyName(at)} has no key "${key}" (keys: ${KEYS.join(', ')})`);
  }
  if (spec.data === undefined) sink.add(at, `${keyName(at)} needs data`);
  const delay = spec.delay_ms ?? 0;
  if (!isNonNegative(delay) || delay > MAX_DELAY_MS) sink.add(`${at}/delay_ms`, `${keyName(`${at}/delay_ms`)} must be a number of milliseconds >= 0 (got ${shown(delay)})`);
  if (spec.retry !== undefined && !(Number.isInteger(spec.retry) && (spec.retry as number) >= 0)) sink.add(`${at}/retry`, `${keyName(`${at}/retry`)} must be a whole number of milliseconds >= 0`);
  const field = (key: 'event' | 'id') => {
    const value = spec[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' && typeof value !== 'number') {
      sink.add(`${at}/${key}`, `${keyName(`${at}/${key}`)} must be text`);
      return undefined;
    }
    return compileText(String(value), `${at}/${key}`, CONNECTION_ROOTS, sink);
  };
  const event = field('event');
  const id = field('id');
  const data = spec.data === undefined ? () => '' : compileText(spec.data, `${at}/data`, CONNECTION_ROOTS, sink);
  const retry = spec.retry as number | undefined;
  return {
    delayMs: delay as number,
    render: (ctx, env) => formatEvent({ event: event?.(ctx, env), id: id?.(ctx, env), retry, data: data(ctx, env) }),
  };
}
