/**
 * `webhooks`: the behaviour stage that, once the endpoint's own answer has gone out, hands its webhooks to
 * the server's queue. Registered last, so an early answer (429, a validation 400, an injected failure
 * status) sends none; nor does a fault that keeps the answer from the client (reset, empty, timeout,
 * malformed). A `slow_body` answer does arrive, so its webhooks follow once the last byte is out.
 */
import type { FailureKind } from '../model/endpoint';
import type { BehaviourDefinition } from '../model/pipeline';
import { templateContext } from '../util/template-context';
import { HOPS_HEADER, MAX_RETRIES, compileWebhooks } from './compile-webhooks';
import { WEBHOOKS_RESOURCE, type WebhookSink } from './webhook-service';

/** Faults after which the client never got the answer, so nothing happened to call back about. */
const LOST: ReadonlySet<FailureKind> = new Set<FailureKind>(['reset', 'empty', 'timeout', 'malformed']);

/** The hop count a request carries: a whole number, else 0. */
function hopsOf(header: string | undefined): number {
  const n = Number(header);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export const webhooksBehaviour: BehaviourDefinition = {
  name: 'webhooks',
  keys: { webhooks: { $ref: '#/definitions/webhooks' } },
  definitions: {
    webhooks: {
      title: 'Webhooks',
      description:
        'Requests mockdock sends after it has answered (callbacks), never delaying the answer. Each attempt is logged in /__logs with direction "outgoing" and counted in mockdock_webhooks_total.',
      type: 'array',
      items: { $ref: '#/definitions/webhook' },
    },
    webhook: {
      title: 'Webhook',
      type: 'object',
      required: ['url'],
      additionalProperties: false,
      properties: {
        url: {
          description: "Where to send it: an absolute http(s) URL, a template that sees the triggering request ({{body.callback_url}}). Never one of mockdock's own /__* routes.",
          type: 'string',
          minLength: 1,
          examples: ['http://app:3000/hooks/order-status', '{{body.callback_url}}'],
        },
        method: {
          description: 'HTTP method. Default: POST.',
          type: 'string',
          pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$",
          default: 'POST',
          examples: ['POST', 'PUT'],
        },
        headers: {
          description: "Request headers, name → value (templates); {{hmac_sha256 'secret' body}} signs a payload. Content-Length, Transfer-Encoding, Connection, Keep-Alive, Upgrade, Expect and Host are mockdock's to set.",
          $ref: '#/definitions/headers',
        },
        body: {
          description: 'The body: any JSON value (sent as JSON) or a string (sent as text). Strings inside it are templates that see the triggering request. Omitted: no body.',
          examples: [{ order: '{{body.id}}', status: 'paid' }, '{{json body}}'],
        },
        delay_ms: {
          description: 'Wait this long after the answer before sending: milliseconds or any latency_ms form. Reproducible with --seed.',
          $ref: '#/definitions/latency',
        },
        retries: {
          description: 'Further attempts after a network error, a timeout or a 5xx, with exponential backoff (250 ms, 500 ms, 1 s … at most 30 s). Default: 0.',
          type: 'integer',
          minimum: 0,
          maximum: MAX_RETRIES,
          default: 0,
        },
      },
    },
  },
  compile(ctx) {
    const { def } = ctx;
    const result = compileWebhooks(def.webhooks, ctx.locate, { name: def.name, seed: ctx.seed, templating: def.template });
    if (!result.ok) return result;
    // The server keeps its queue under this key before the first load; without one (`mockdock validate`)
    // the list is checked and nothing more.
    const sink = ctx.services.keep<WebhookSink | null>(WEBHOOKS_RESOURCE, () => null);
    const planner = result.planner;
    if (planner === null || sink === null) return { ok: true, value: null };
    return {
      ok: true,
      value: {
        name: 'webhooks',
        run(x) {
          (x.after ??= []).push((plan) => {
            if (plan.failure !== undefined && LOST.has(plan.failure.kind)) return;
            sink.fire(planner, templateContext(x), x.now, { session: x.session, hops: hopsOf(x.req.headers[HOPS_HEADER]) });
          });
        },
      },
    };
  },
};
