/** JSON Schema of the `websocket` endpoint key: the one source of truth for its shape (editors' autocomplete, `mockdock validate`). */

const ms = (description: string) => ({ type: 'number', minimum: 0, description });

export const WEBSOCKET_KEYS = {
  websocket: { $ref: '#/definitions/websocket' },
};

export const WEBSOCKET_DEFINITIONS: Record<string, Record<string, unknown>> = {
  websocket: {
    title: 'WebSocket',
    description: 'Serve a WebSocket on this path: a script (on_connect, on_message, every, close) or a proxy to a WebSocket upstream. The upgrade is matched like a GET and goes through auth, rate_limit, latency_ms and failures.',
    type: 'object',
    additionalProperties: false,
    properties: {
      on_connect: { type: 'array', description: 'Messages sent when a client connects, in order.', items: { $ref: '#/definitions/wsStep' } },
      on_message: { type: 'array', description: 'Rules for messages from the client; the first whose match holds answers. A rule without match is the fallback.', items: { $ref: '#/definitions/wsRule' } },
      every: { type: 'array', description: 'Messages pushed on a timer.', items: { $ref: '#/definitions/wsPush' } },
      close: { $ref: '#/definitions/wsTimedClose' },
      drop: { $ref: '#/definitions/wsDrop' },
      max_message_bytes: { type: 'integer', minimum: 1, description: 'A larger message from the client closes the connection with 1009. Default 1048576 (1 MiB).' },
      proxy: { $ref: '#/definitions/wsProxy' },
    },
  },
  wsSend: {
    title: 'WebSocket message(s)',
    description: 'A string is sent as text (a template), an object as JSON text (strings inside are templates); a list sends each item as its own message.',
  },
  wsStep: {
    type: 'object',
    additionalProperties: false,
    required: ['send'],
    properties: { send: { $ref: '#/definitions/wsSend' }, latency_ms: { $ref: '#/definitions/latency' } },
  },
  wsRule: {
    type: 'object',
    additionalProperties: false,
    properties: {
      match: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        description: 'All given must hold: json (partial deep-equal on the message parsed as JSON), text (the whole message), regex.',
        properties: { json: {}, text: { type: 'string' }, regex: { type: 'string' } },
      },
      send: { $ref: '#/definitions/wsSend' },
      echo: { type: 'boolean', description: 'Send the received message back as it came.' },
      latency_ms: { $ref: '#/definitions/latency' },
      close: { description: 'Close the connection after answering.', anyOf: [{ type: 'boolean' }, { $ref: '#/definitions/wsClose' }] },
    },
  },
  wsPush: {
    type: 'object',
    additionalProperties: false,
    required: ['interval_ms', 'send'],
    properties: {
      interval_ms: { type: 'number', minimum: 1 },
      send: { $ref: '#/definitions/wsSend' },
      times: { type: 'integer', minimum: 1, description: 'Stop after this many pushes (the connection stays open).' },
    },
  },
  wsClose: {
    type: 'object',
    additionalProperties: false,
    properties: { code: { type: 'integer', description: '1000 (default), 1001–1003, 1007–1014 or 3000–4999' }, reason: { type: 'string', maxLength: 123 } },
  },
  wsTimedClose: {
    type: 'object',
    additionalProperties: false,
    required: ['after_ms'],
    description: 'Send a close frame this long after the connection opened.',
    properties: { after_ms: ms('Milliseconds after connecting.'), code: { type: 'integer' }, reason: { type: 'string', maxLength: 123 } },
  },
  wsDrop: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    description: 'End the connection abruptly (no close frame; the client sees 1006).',
    properties: {
      after_ms: ms('Drop this long after connecting.'),
      after_messages: { type: 'integer', minimum: 1, description: 'Drop when this many messages have arrived from the client (that one is not answered).' },
      rate: { type: 'number', minimum: 0, maximum: 1, description: 'Chance per received message, drawn from the endpoint\'s seeded random source.' },
    },
  },
  wsProxy: {
    description: 'Pass every frame both ways to this WebSocket upstream (ws:, wss:, http: or https:), with the request\'s path and query appended.',
    anyOf: [
      { type: 'string' },
      { type: 'object', additionalProperties: false, required: ['url'], properties: { url: { type: 'string' }, headers: { type: 'object', additionalProperties: { type: 'string' } } } },
    ],
  },
};
