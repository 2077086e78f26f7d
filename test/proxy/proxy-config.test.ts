import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { formatIssue } from '../../src/errors/config-issue';
import { resolveOptions } from '../../src/server/options';
import { configFolder } from './support';

async function problems(files: Record<string, string>, settingsOverrides?: Record<string, unknown>): Promise<string[]> {
  const folder = configFolder(files);
  try {
    const built = await buildEndpointSet(folder.dir, { seed: 1, settingsOverrides });
    return built.ok ? [] : built.issues.map(formatIssue);
  } finally {
    folder.cleanup();
  }
}

describe('proxy config', () => {
  it('accepts a URL, or an object with its options', async () => {
    expect(await problems({ 'a.yaml': '- path: /a/*\n  proxy: http://127.0.0.1:9\n- path: /b/*\n  proxy: { url: "https://api.example.com/v2", headers: { X-Key: 1 }, timeout_ms: 500, cache_s: 5, insecure: true }\n' })).toEqual([]);
  });

  it('reports a URL that is not http or https, and a URL with a query, at the line', async () => {
    expect(await problems({ 'a.yaml': '- path: /a\n  proxy: ftp://files.example.com\n' })).toEqual([expect.stringMatching(/^a\.yaml:2:\d+ /)]);
    expect(await problems({ 'a.yaml': '- path: /a\n  proxy: { url: "http://x.test/?k=1" }\n' })).toEqual([expect.stringMatching(/^a\.yaml:2:\d+ proxy\.url must not hold a query/)]);
  });

  it('reports answer keys that a proxy endpoint would ignore', async () => {
    expect(await problems({ 'a.yaml': '- path: /a\n  proxy: http://127.0.0.1:9\n  response: { ignored: true }\n' })).toEqual([
      expect.stringMatching(/^a\.yaml:3:\d+ response does not apply to a proxy endpoint/),
    ]);
  });

  it('reports a ca_file that is missing or outside the config folder', async () => {
    expect(await problems({ 'a.yaml': '- path: /a\n  proxy: { url: "https://x.test", ca_file: certs/ca.pem }\n' })).toEqual([
      expect.stringMatching(/^a\.yaml:2:\d+ proxy\.ca_file cannot be used: file "certs\/ca\.pem" does not exist/),
    ]);
    expect(await problems({ 'a.yaml': '- path: /a\n  proxy: { url: "https://x.test", ca_file: ../ca.pem }\n' })).toEqual([expect.stringMatching(/points outside the config folder/)]);
  });

  it('checks proxy, record and redact in mockdock.yaml, at their lines', async () => {
    expect(await problems({ 'mockdock.yaml': 'proxy: http://127.0.0.1:9\nrecord: true\nredact: { headers: [X-Token], fields: [password] }\n' })).toEqual([]);
    expect(await problems({ 'mockdock.yaml': 'sessions: { max: 5 }\nrecord: true\n' })).toEqual([expect.stringMatching(/^mockdock\.yaml:2:\d+ record needs a fallback proxy/)]);
    expect(await problems({ 'mockdock.yaml': 'proxy: { url: "http://127.0.0.1:9", alway: true }\n' })).toEqual([expect.stringMatching(/^mockdock\.yaml:1:\d+ /)]);
  });

  it('lets --record from the command line meet a proxy in mockdock.yaml', async () => {
    expect(await problems({ 'mockdock.yaml': 'proxy: http://127.0.0.1:9\n' }, { record: true })).toEqual([]);
  });
});

describe('proxy and record options', () => {
  it('reads --proxy, --record, --redact and --redact-field into settings', () => {
    const r = resolveOptions({ proxy: 'http://api.test:8080', record: true, redact: ['X-Token'], redactField: ['password'] }, {});
    expect(r.ok && r.options.settings).toEqual({ proxy: 'http://api.test:8080', record: true, redact: { headers: ['X-Token'], fields: ['password'] } });
  });

  it('reads MOCKDOCK_PROXY, MOCKDOCK_RECORD and MOCKDOCK_REDACT (comma-separated)', () => {
    const r = resolveOptions({}, { MOCKDOCK_PROXY: 'https://api.test', MOCKDOCK_RECORD: 'true', MOCKDOCK_REDACT: 'X-Token, X-Other' });
    expect(r.ok && r.options.settings).toEqual({ proxy: 'https://api.test', record: true, redact: { headers: ['X-Token', 'X-Other'], fields: [] } });
  });

  it('sets no settings key that was not asked for, so mockdock.yaml keeps them', () => {
    const r = resolveOptions({}, {});
    expect(r.ok && r.options.settings).toEqual({});
  });

  it('refuses a --proxy that is not an http URL', () => {
    expect(resolveOptions({ proxy: 'api.test:8080' }, {})).toEqual({ ok: false, error: expect.stringMatching(/--proxy must be an http or https URL/) });
  });
});
