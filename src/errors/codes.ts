/** The registry of error codes: one place, listed in the README. */
export const ErrorCodes = {
  CONFIG_FOLDER: 'E_CONFIG_FOLDER', // the config folder is missing or unreadable
  CONFIG_PARSE: 'E_CONFIG_PARSE', // YAML/JSON syntax error
  CONFIG_SCHEMA: 'E_CONFIG_SCHEMA', // a key or value the config schema rejects
  CONFIG_DUPLICATE_NAME: 'E_CONFIG_DUPLICATE_NAME', // two endpoints share a name
  CONFIG_BODY_FILE: 'E_CONFIG_BODY_FILE', // body_file missing, unreadable or outside the config folder
  CONFIG_PATH: 'E_CONFIG_PATH', // a path pattern that cannot be compiled
  CONFIG_TEMPLATE: 'E_CONFIG_TEMPLATE', // template syntax error or unknown helper
  CONFIG_REGEX: 'E_CONFIG_REGEX', // an invalid regular expression in match
  CONFIG_VALIDATE_SCHEMA: 'E_CONFIG_VALIDATE_SCHEMA', // a JSON Schema under validate that ajv cannot compile
  CONFIG_BEHAVIOUR: 'E_CONFIG_BEHAVIOUR', // latency/failure/rate-limit/outage options that make no sense
  CONFIG_SCENARIO: 'E_CONFIG_SCENARIO', // when_state/set_state without a scenario; a warning for a state nothing leads to
  CONFIG_CRUD: 'E_CONFIG_CRUD', // a crud collection that cannot be served (seed, id, combined with another answer)
  CONFIG_GRAPHQL_SCHEMA: 'E_CONFIG_GRAPHQL_SCHEMA', // a GraphQL SDL that is missing, does not parse or does not build
  CONFIG_GRAPHQL: 'E_CONFIG_GRAPHQL', // graphql mocks/operations/subscriptions naming what the schema lacks
  CONFIG_WEBHOOK: 'E_CONFIG_WEBHOOK', // a webhook without a usable URL, or aimed at mockdock's own /__* routes
  CONFIG_PLUGIN: 'E_CONFIG_PLUGIN', // a plugin not allowed (--allow-plugins), outside the folder, failing to import, of the wrong shape; an unknown handler
  OPENAPI_INPUT: 'E_OPENAPI_INPUT', // not an OpenAPI/Swagger document, or a broken $ref
  STORE_UNAVAILABLE: 'E_STORE_UNAVAILABLE', // the shared state store (Redis) cannot be reached: stateful endpoints answer 503
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
