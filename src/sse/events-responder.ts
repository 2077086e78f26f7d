/** The `events` responder: a text/event-stream answer whose events are written as they come due. */
import type { EndpointDefinition } from '../model/endpoint';
import type { ResponderDefinition } from '../model/pipeline';
import type { ConfigIssue } from '../model/config-issue';
import { ErrorCodes } from '../errors/codes';
import { templateContext } from '../util/template-context';
import type { StreamHub } from '../streams/stream-hub';
import { compileEvents } from './compile-events';
import { eventBody } from './event-body';
import { EVENTS_DEFINITIONS, EVENTS_KEYS } from './events-schema';
import { EVENT_STREAM_HEADERS } from './live-stream';

const ANSWER_KEYS = ['response', 'body_file', 'sequence'] as const;

export function eventsResponder(hub: StreamHub): ResponderDefinition {
  return {
    name: 'events',
    keys: EVENTS_KEYS,
    definitions: EVENTS_DEFINITIONS,
    inDefaults: false,
    claims: (def) => (def as { events?: unknown }).events !== undefined,
    compile(ctx) {
      const def = ctx.def as EndpointDefinition & { events?: unknown; repeat?: unknown; keep_open?: unknown };
      const issues: ConfigIssue[] = [];
      for (const key of ANSWER_KEYS) {
        if (def[key] === undefined) continue;
        const { file, line, col } = ctx.locate(`/${key}`);
        issues.push({ file, line, col, code: ErrorCodes.CONFIG_SCHEMA, message: `events and ${key} cannot be combined: an events endpoint answers with its event stream` });
      }
      const compiled = compileEvents({ events: def.events, repeat: def.repeat, keep_open: def.keep_open }, ctx.locate);
      if (compiled.ok && (compiled.schedule.repeat || compiled.schedule.keepOpen)) {
        const failures = def.failure === undefined ? [] : Array.isArray(def.failure) ? def.failure : [def.failure];
        failures.forEach((f, i) => {
          if (f.kind !== 'slow_body' && f.kind !== 'malformed') return;
          const { file, line, col } = ctx.locate(Array.isArray(def.failure) ? `/failure/${i}/kind` : '/failure/kind');
          issues.push({ file, line, col, code: ErrorCodes.CONFIG_BEHAVIOUR, message: `failure kind ${f.kind} needs the whole body, and an event stream that repeats or stays open never ends: use status, reset, empty or timeout` });
        });
      }
      if (!compiled.ok) issues.push(...compiled.issues);
      if (issues.length > 0 || !compiled.ok) return { ok: false, issues };
      const { schedule } = compiled;
      const status = def.status ?? 200;
      const headers = { ...EVENT_STREAM_HEADERS, ...def.headers };
      return {
        ok: true,
        value: {
          plain: null,
          respond: (x) => ({
            endpoint: x.endpoint,
            status,
            headers,
            delayMs: 0,
            body: eventBody(schedule, { id: hub.streams.nextId('sse-'), endpoint: x.endpoint, path: x.req.path, session: x.session }, {
              ctx: templateContext(x), random: x.random.template, timers: hub.timers, registry: hub.streams,
            }),
          }),
        },
      };
    },
  };
}
