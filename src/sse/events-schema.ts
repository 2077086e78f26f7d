/** JSON Schema of the `events` endpoint key (Server-Sent Events) and its companions `repeat` and `keep_open`. */

export const EVENTS_KEYS = {
  events: { $ref: '#/definitions/events' },
  repeat: { $ref: '#/definitions/eventsRepeat' },
  keep_open: { $ref: '#/definitions/eventsKeepOpen' },
};

export const EVENTS_DEFINITIONS: Record<string, Record<string, unknown>> = {
  eventsRepeat: { title: 'Repeat events', type: 'boolean', description: 'With events: start over after the last event (a ticker). Default false.' },
  eventsKeepOpen: { title: 'Keep the event stream open', type: 'boolean', description: 'With events: keep the stream open after the last event, for pushes by POST /__sse/NAME/send. Default false (an empty events list always stays open).' },
  events: {
    title: 'Server-Sent Events',
    description: 'Answer text/event-stream: each event is written as it comes due.',
    type: 'array',
    items: { $ref: '#/definitions/sseEvent' },
  },
  sseEvent: {
    type: 'object',
    additionalProperties: false,
    required: ['data'],
    properties: {
      event: { type: 'string', description: 'The event name (event: line).' },
      id: { anyOf: [{ type: 'string' }, { type: 'number' }], description: 'The event id (id: line).' },
      data: { description: 'A string (a template; each line becomes a data: line) or any JSON value, written as JSON.' },
      delay_ms: { type: 'number', minimum: 0, description: 'Wait this long after the previous event.' },
      retry: { type: 'integer', minimum: 0, description: 'Reconnection time for the client (retry: line).' },
    },
  },
};
