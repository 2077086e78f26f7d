import { resolveOptions } from '../../src/server/options';

describe('server options', () => {
  it('uses the documented defaults', () => {
    const r = resolveOptions({}, {});
    expect(r).toEqual({
      ok: true,
      options: expect.objectContaining({
        config: './config', port: 8080, host: '0.0.0.0', watch: true, logLimit: 1000,
        logLevel: 'info', bodyLimit: '1mb', latencyMs: 0, shutdownTimeoutMs: 10000,
      }),
    });
  });

  it('reads every setting from its environment variable', () => {
    const r = resolveOptions({}, {
      MOCKDOCK_CONFIG: '/config', PORT: '9000', HOST: '127.0.0.1', MOCKDOCK_WATCH: 'false', MOCKDOCK_POLL_MS: '500',
      MOCKDOCK_SEED: '42', MOCKDOCK_LOG_LIMIT: '10', MOCKDOCK_ADMIN_TOKEN: 't', LOG_LEVEL: 'debug',
      MOCKDOCK_BODY_LIMIT: '2mb', MOCKDOCK_LATENCY: '50',
    });
    expect(r.ok && r.options).toMatchObject({
      config: '/config', port: 9000, host: '127.0.0.1', watch: false, pollMs: 500, seed: 42, logLimit: 10,
      adminToken: 't', logLevel: 'debug', bodyLimit: '2mb', latencyMs: 50,
    });
  });

  it('lets a flag win over its environment variable', () => {
    const r = resolveOptions({ port: '7000', config: 'mocks', watch: false }, { PORT: '9000', MOCKDOCK_CONFIG: '/config', MOCKDOCK_WATCH: 'true' });
    expect(r.ok && r.options).toMatchObject({ port: 7000, config: 'mocks', watch: false });
  });

  it('rejects a bad value with a message naming the setting', () => {
    expect(resolveOptions({ port: 'eighty' }, {})).toEqual({ ok: false, error: '--port must be a whole number from 0 to 65535, not "eighty"' });
    expect(resolveOptions({}, { MOCKDOCK_WATCH: 'maybe' })).toEqual({ ok: false, error: 'MOCKDOCK_WATCH must be true or false, not "maybe"' });
    expect(resolveOptions({ bodyLimit: 'lots' }, {})).toMatchObject({ ok: false });
  });
});
