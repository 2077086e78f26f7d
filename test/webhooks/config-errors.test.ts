import { formatIssue } from '../../src/errors/config-issue';
import { buildEndpointSet } from '../../src/registry/build-endpoint-set';
import { tempFolder } from '../config/fixtures';

/** Every problem the build (what `mockdock validate`, start-up and reload run) reports for this file. */
async function problems(yaml: string): Promise<string[]> {
  const folder = tempFolder({ 'orders.yaml': yaml });
  try {
    const built = await buildEndpointSet(folder.dir, { seed: 1 });
    return built.ok ? [] : built.issues.map((i) => `${formatIssue(i)} [${i.code}]`);
  } finally {
    folder.cleanup();
  }
}

describe('webhook problems in a config file', () => {
  it('reports an invalid url template and an admin-route target, each at its line', async () => {
    const issues = await problems(`
- path: /api/orders
  method: POST
  webhooks:
    - url: "http://app:3000/hooks/{{body.id"
    - url: "http://mockdock:8080/__reset"
`);
    expect(issues).toEqual([
      expect.stringMatching(/^orders\.yaml:5:7 webhooks\[0\]\.url: template "http:\/\/app:3000\/hooks\/\{\{body\.id": syntax error.* \[E_CONFIG_TEMPLATE\]$/),
      "orders.yaml:6:7 webhooks[1].url must not target mockdock's own admin routes (/__reset) [E_CONFIG_WEBHOOK]",
    ]);
  });

  it('reports a misspelt webhook key with the keys it could be', async () => {
    expect(await problems(`
- path: /api/orders
  webhooks:
    - url: "http://app:3000/ok"
      retry: 3
`)).toEqual(['orders.yaml:5:7 unknown key "retry" in "webhooks[0]" (expected url, method, headers, body, delay_ms, retries) [E_CONFIG_SCHEMA]']);
  });

  it('accepts the example of the product documentation', async () => {
    expect(await problems(`
- path: /api/orders
  method: POST
  status: 202
  webhooks:
    - url: "http://app:3000/hooks/order-status"
      method: POST
      headers: { X-Signature: "{{hmac_sha256 'secret' body}}" }
      body: { order: "{{body.id}}", status: paid }
      delay_ms: 500
      retries: 3
`)).toEqual([]);
  });

  it("takes webhooks from a file's defaults, like any other endpoint key", async () => {
    expect(await problems(`
defaults:
  webhooks: [{ url: "http://app:3000/hooks/{{path}}", delay_ms: { distribution: lognormal, median: 100, sigma: 0.5 } }]
endpoints:
  - { path: /a, method: POST }
  - { path: /b, method: POST }
`)).toEqual([]);
  });
});
