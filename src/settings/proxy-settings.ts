/**
 * `proxy`, `record` and `redact` in mockdock.yaml (flags: --proxy, --record, --redact, --redact-field): requests no
 * endpoint matches go to the upstream instead of a 404, and with `record` each new exchange is written under
 * `recorded/` in the config folder, which the watcher then loads — record on miss, replay from then on.
 */
import { statSync } from 'node:fs';
import type { ConfigIssue } from '../model/config-issue';
import type { ServerHooks, SettingsContext, SettingsDefinition } from '../model/pipeline';
import type { MockRequest } from '../model/request';
import type { ResponsePlan } from '../model/response-plan';
import { issueAt } from '../behaviours/issue';
import { fingerprint } from '../util/fingerprint';
import { agentKey } from '../responders/proxy';
import { forward, makeAgent, type BodyWatcher } from '../responders/proxy/forward';
import { compileTarget, proxySchema, type ProxySpec } from '../responders/proxy/proxy-target';
import type { RecordOutcome } from '../writer/recorder';
import type { RecordedExchange } from '../writer/exchange';
import type { WriteResult } from '../writer/write-config';
import { decodedBody } from './decoded-body';

/** A recorded answer is kept whole in memory until written: larger ones are forwarded but not recorded. */
export const RECORD_MAX_BYTES = 32 * 1024 * 1024;

type ProxySetting = string | (ProxySpec & { always?: boolean });

export interface RedactSetting {
  headers?: string[];
  fields?: string[];
}

/** Writes exchanges through the one writer; loaded on first use (the writer loads config to check what it writes, which loads this file). */
export class LazyRecorder {
  private made: Promise<{ record(ex: RecordedExchange): Promise<RecordOutcome & { write?: WriteResult }> }> | null = null;

  constructor(private readonly opts: { root: string; headers?: string[]; fields?: string[] }) {}

  record(ex: RecordedExchange): Promise<RecordOutcome & { write?: WriteResult }> {
    this.made ??= import('../writer/recorder').then(({ Recorder }) => new Recorder(this.opts));
    return this.made.then((r) => r.record(ex));
  }
}

function recorderFor(ctx: SettingsContext, redact: RedactSetting | undefined): LazyRecorder | ConfigIssue {
  const root = ctx.services.root;
  let folder = false;
  try {
    folder = root !== null && statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (root === null || !folder) return issueAt(ctx.locate, '/record', 'needs a config folder to write into (not a single config file)');
  return ctx.services.keep(`recorder:${root}:${fingerprint(redact ?? null)}`, () => new LazyRecorder({ root, headers: redact?.headers, fields: redact?.fields }));
}

/** Records the exchange once its answer went through whole; `notes.recorded` says whether it was written. */
function recording(recorder: LazyRecorder, req: MockRequest, url: string, notes: Record<string, unknown>): BodyWatcher {
  return {
    limit: RECORD_MAX_BYTES,
    async end(status, headers, body) {
      if (body === null) {
        notes.recorded = false;
        notes.record_note = `the answer is larger than ${RECORD_MAX_BYTES} bytes`;
        return;
      }
      const decoded = decodedBody(headers, body);
      try {
        const outcome = await recorder.record({
          method: req.method,
          url,
          query: req.query,
          headers: req.headers,
          body: req.raw,
          status,
          responseHeaders: decoded.headers,
          responseBody: decoded.body,
        });
        const written = outcome.write === undefined || outcome.write.ok;
        notes.recorded = outcome.recorded && written;
        if (outcome.note) notes.record_note = outcome.note;
        if (outcome.write && !outcome.write.ok) notes.record_note = outcome.write.issues.map((i) => `${i.file}:${i.line}:${i.col} ${i.message}`).join('; ');
      } catch (err) {
        notes.recorded = false;
        notes.record_note = (err as Error).message;
      }
    },
  };
}

export const proxySettings: SettingsDefinition = {
  name: 'proxy',
  keys: {
    proxy: { $ref: '#/definitions/fallbackProxy' },
    record: { $ref: '#/definitions/record' },
    redact: { $ref: '#/definitions/redact' },
  },
  definitions: {
    fallbackProxy: proxySchema(
      'Requests no endpoint matches go to this upstream instead of getting a 404 (partial mocking). Flag --proxy, env MOCKDOCK_PROXY.',
      { always: { description: 'Forward every request, even those an endpoint matches (a pure recording proxy, as `mockdock record` runs). Default: false.', type: 'boolean', default: false } },
      ['cache_s'],
    ),
    record: {
      title: 'Record on miss',
      description: 'With `proxy`: each proxied exchange not yet recorded is written under recorded/ in the config folder; the watcher loads it, so the same request is answered from the mock from then on. Flag --record, env MOCKDOCK_RECORD.',
      type: 'boolean',
      default: false,
    },
    redact: {
      title: 'Redaction',
      description: 'What recording never writes, on top of Authorization, Cookie, Set-Cookie, Proxy-Authorization and X-Api-Key. Flags --redact NAME, --redact-field NAME; env MOCKDOCK_REDACT.',
      type: 'object',
      additionalProperties: false,
      properties: {
        headers: { description: 'More header names left out of match conditions and saved headers.', type: 'array', items: { type: 'string', minLength: 1 } },
        fields: { description: 'JSON field names whose values become "REDACTED" in recorded answers (anywhere in the tree) and are left out of match.body.', type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
  },
  compile(ctx) {
    const setting = ctx.settings.proxy as ProxySetting | undefined;
    const record = ctx.settings.record === true;
    if (setting === undefined) {
      if (record) return { ok: false, issues: [issueAt(ctx.locate, '/record', 'needs a fallback proxy to record from: set proxy (or --proxy URL)')] };
      return { ok: true, value: null };
    }
    const compiled = compileTarget(setting, '/proxy', ctx.locate, ctx.services);
    if (!compiled.ok) return compiled;
    const target = compiled.target;
    const agent = ctx.services.keep(agentKey(target), () => makeAgent(target));
    let recorder: LazyRecorder | null = null;
    if (record) {
      const made = recorderFor(ctx, ctx.settings.redact as RedactSetting | undefined);
      if (!(made instanceof LazyRecorder)) return { ok: false, issues: [made] };
      recorder = made;
    }
    const pass = async (req: MockRequest): Promise<ResponsePlan> => {
      const notes: Record<string, unknown> = {};
      const url = `${target.origin}${target.basePath}${req.target ?? req.path}`;
      const plan = await forward(req, target, agent, null, notes, recorder ? recording(recorder, req, url, notes) : undefined);
      plan.notes = notes;
      return plan;
    };
    const hooks: ServerHooks = typeof setting === 'object' && setting.always ? { onRequest: pass } : { fallback: pass };
    return { ok: true, value: hooks };
  },
};
