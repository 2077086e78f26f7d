/** JSON Schema of the endpoint key `auth` and of `auth` in mockdock.yaml (for `mockdock schema` and editors). */

const stringList = { type: 'array', items: { type: 'string', minLength: 1 } };

export const endpointAuthSchema = {
  title: 'Auth',
  description:
    'Credentials a request must carry, one form of: `jwt` (a bearer JWT: the built-in provider’s keys by default, `jwks_url` for an external provider, `secret` for HS256), `basic` (HTTP Basic), `api_key` (a header or query parameter). Otherwise 401 with WWW-Authenticate; a valid token lacking a scope or claim gets 403 insufficient_scope. Templates see the verified claims as `{{jwt.sub}}`.',
  type: 'object',
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
  properties: {
    jwt: {
      type: ['object', 'null'],
      additionalProperties: false,
      properties: {
        scopes: { ...stringList, description: 'Every one must be in the token’s `scope` (space-separated) or `scp`.' },
        claims: { type: 'object', description: 'Claims that must equal these values (or contain them, for an array claim).' },
        audience: { oneOf: [{ type: 'string' }, stringList], description: 'Accepted `aud`.' },
        issuer: { type: 'string', description: 'Required `iss`. Without it, tokens of the built-in keys must carry an issuer mockdock itself issued under.' },
        jwks_url: { type: 'string', pattern: '^https?://', description: 'An external provider’s JWKS: fetched at the first check, then kept until the next reload.' },
        secret: { type: 'string', minLength: 1, description: 'HS256 shared secret.' },
      },
    },
    basic: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['username', 'password'],
        properties: { username: { type: 'string', pattern: '^[^:]*$' }, password: { type: 'string' } },
      },
    },
    api_key: {
      type: 'object',
      additionalProperties: false,
      required: ['values'],
      properties: {
        header: { type: 'string', minLength: 1, description: 'Header that carries the key (give header or query, not both).' },
        query: { type: 'string', minLength: 1, description: 'Query parameter that carries the key.' },
        values: { ...stringList, minItems: 1 },
      },
    },
  },
  examples: [{ jwt: { scopes: ['orders:read'] } }, { basic: [{ username: 'ops', password: 'secret' }] }, { api_key: { header: 'X-Api-Key', values: ['k1'] } }],
} as const;

const client = {
  type: 'object',
  additionalProperties: false,
  required: ['client_id'],
  properties: {
    client_id: { type: 'string', minLength: 1 },
    client_secret: { type: 'string', minLength: 1 },
    public: { type: 'boolean', description: 'A public client (SPA, mobile app): no secret, PKCE S256 required.' },
    scopes: { ...stringList, description: 'Scopes it may ask for (openid, profile, email, offline_access always).' },
    redirect_uris: { type: 'array', items: { type: 'string', pattern: '^https?://' } },
  },
};

const user = {
  type: 'object',
  additionalProperties: false,
  required: ['username'],
  properties: {
    username: { type: 'string', minLength: 1 },
    password: { type: 'string' },
    claims: { type: 'object', description: 'Added to the user’s tokens and userinfo (email, roles, …).' },
  },
};

export const authSettingsSchema = {
  title: 'Built-in OpenID Connect provider',
  type: 'object',
  additionalProperties: false,
  properties: {
    issuer: { type: 'string', pattern: '^https?://', description: 'Default: --public-url, else the request’s scheme and Host.' },
    algorithm: { enum: ['RS256', 'ES256'], default: 'RS256' },
    key_file: { type: 'string', description: 'PEM private key inside the config folder; without it a key is generated at start (derived from --seed when given).' },
    token_ttl_s: { type: 'number', exclusiveMinimum: 0, default: 3600 },
    refresh_token_ttl_s: { type: 'number', exclusiveMinimum: 0, default: 86400 },
    rotation_overlap_s: { type: 'number', minimum: 0, default: 300, description: 'How long a key retired by POST /__auth/rotate still verifies.' },
    clients: { type: 'array', items: client },
    users: { type: 'array', items: user },
  },
} as const;
