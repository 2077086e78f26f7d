/**
 * The registration list: every behaviour and responder mockdock has. Behaviours run in this order, before
 * the responder; adding a capability is its own file plus one line here.
 */
import type { BehaviourDefinition, ResponderDefinition, SettingsDefinition } from '../model/pipeline';
import { latencyBehaviour } from '../behaviours/latency';
import { rateLimitBehaviour } from '../behaviours/rate-limit';
import { validateBehaviour } from '../behaviours/validate-request';
import { failuresBehaviour } from '../behaviours/failures';
import { webhooksBehaviour } from '../webhooks/webhooks-behaviour';
import { staticResponder } from '../responders/static-response';
import { graphqlResponder } from '../responders/graphql';
import { proxyResponder } from '../responders/proxy';
import { crudResponder } from '../responders/crud';
import { cacheBehaviour } from '../behaviours/http-cache';
import { scenarioBehaviour } from '../behaviours/scenario';
import { sessionsSettings } from '../settings/sessions';
import { authBehaviour } from '../auth/auth-behaviour';
import { authSettings } from '../auth/auth-settings-definition';
import { proxySettings } from '../settings/proxy-settings';
import { websocketResponder } from '../websocket/websocket-responder';
import { eventsResponder } from '../sse/events-responder';
import { serverHub } from '../streams/server-hub';
import { corsSettings } from '../cors/cors-settings';
import { pluginHandlerResponder } from '../plugins/handler-responder';
import { pluginsSettings } from '../plugins/plugins-settings';

export const BEHAVIOURS: readonly BehaviourDefinition[] = [
  // auth first: a refused request uses up no rate-limit budget and is not validated
  authBehaviour,
  latencyBehaviour,
  rateLimitBehaviour,
  validateBehaviour,
  failuresBehaviour,
  cacheBehaviour,
  // near the end: only an answer of the responder moves the scenario (not a 429, a 400 or an injected failure)
  scenarioBehaviour,
  // last: only an answer no stage cut short sends webhooks
  webhooksBehaviour,
];

/** The first responder whose key an endpoint has answers it; the static answer is the fallback and stays last. */
export const RESPONDERS: readonly ResponderDefinition[] = [
  graphqlResponder,
  proxyResponder,
  websocketResponder(serverHub),
  eventsResponder(serverHub),
  crudResponder,
  pluginHandlerResponder,
  staticResponder,
];

/** Server-wide capabilities configured in mockdock.yaml; their hooks run in this order. */
export const SETTINGS: readonly SettingsDefinition[] = [
  sessionsSettings,
  authSettings,
  // CORS before the proxy: a preflight is answered here, never forwarded; its headers go on proxied answers too
  corsSettings,
  proxySettings,
  // plugin hooks: onRequest after the hooks above, onResponse on the answer they leave
  pluginsSettings,
];
