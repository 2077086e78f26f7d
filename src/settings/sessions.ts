/** `sessions` in mockdock.yaml: which header names a test session, and how many sessions' state is kept. */
import type { SettingsDefinition } from '../model/pipeline';

export const sessionsSettings: SettingsDefinition = {
  name: 'sessions',
  keys: { sessions: { $ref: '#/definitions/sessions' } },
  definitions: {
    sessions: {
      title: 'Sessions',
      description:
        'Test isolation: a request carrying the session header sees its own copy of every piece of state (scenarios, CRUD data, sequences, counters, rate limits). The least recently used session is dropped past `max`.',
      type: 'object',
      additionalProperties: false,
      properties: {
        header: { description: 'Name of the session header. Default: X-Mockdock-Session.', type: 'string', pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", default: 'X-Mockdock-Session' },
        max: { description: 'Sessions kept at most. Default: 1000.', type: 'integer', minimum: 1, default: 1000 },
      },
    },
  },
};
