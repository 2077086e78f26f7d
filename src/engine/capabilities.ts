/**
 * The registration list: every behaviour and responder mockdock has. Behaviours run in this order, before
 * the responder; adding a capability is its own file plus one line here.
 */
import type { BehaviourDefinition, ResponderDefinition, SettingsDefinition } from '../model/pipeline';
import { latencyBehaviour } from '../behaviours/latency';
import { rateLimitBehaviour } from '../behaviours/rate-limit';
import { validateBehaviour } from '../behaviours/validate-request';
import { failuresBehaviour } from '../behaviours/failures';
import { staticResponder } from '../responders/static-response';
import { proxyResponder } from '../responders/proxy';
import { sessionsSettings } from '../settings/sessions';
import { proxySettings } from '../settings/proxy-settings';
import { websocketResponder } from '../websocket/websocket-responder';
import { eventsResponder } from '../sse/events-responder';
import { serverHub } from '../streams/server-hub';

export const BEHAVIOURS: readonly BehaviourDefinition[] = [
  latencyBehaviour,
  rateLimitBehaviour,
  validateBehaviour,
  failuresBehaviour,
];

/** The first responder whose key an endpoint has answers it; the static answer is the fallback and stays last. */
export const RESPONDERS: readonly ResponderDefinition[] = [
  proxyResponder,
  websocketResponder(serverHub),
  eventsResponder(serverHub),
  staticResponder,
];

/** Server-wide capabilities configured in mockdock.yaml; their hooks run in this order. */
export const SETTINGS: readonly SettingsDefinition[] = [
  sessionsSettings,
  proxySettings,
];
