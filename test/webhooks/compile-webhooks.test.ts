import { createHmac } from 'node:crypto';
import { plannerFor, requestData, webhookIssues } from './support';

const ORDER = `
- path: /api/orders
  method: POST
  status: 202
  webhooks:
    - url: "http://app:3000/hooks/{{body.id}}?source={{query.src}}"
      method: put
      headers: { X-Signature: "{{hmac_sha256 'secret' body}}", X-Order: "{{body.id}}" }
      body: { order: "{{body.id}}", status: paid, path: "{{path}}" }
`;

describe('compiling webhooks', () => {
  it('renders url, method, headers and body from the triggering request', async () => {
    const planner = await plannerFor(ORDER);
    const [hook] = planner.plan(requestData({ body: { id: 'o-7' }, query: { src: 'shop' } }), Date.now());
    expect(hook.request.method).toBe('PUT');
    expect(hook.request.url).toBe('http://app:3000/hooks/o-7?source=shop');
    expect(hook.request.headers['X-Order']).toBe('o-7');
    expect(hook.request.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(String(hook.request.body))).toEqual({ order: 'o-7', status: 'paid', path: '/api/orders' });
    const expected = createHmac('sha256', 'secret').update(JSON.stringify({ id: 'o-7' })).digest('hex');
    expect(hook.request.headers['X-Signature']).toBe(expected);
    expect(hook).toMatchObject({ endpoint: 'POST /api/orders', index: 0, delayMs: 0, attempts: 1 });
    expect(hook.refused).toBeUndefined();
  });

  it('sends POST without a body or content type when only a url is given, with its hop count', async () => {
    const planner = await plannerFor('- path: /a\n  webhooks: [{ url: "http://app/hook" }]\n');
    const [hook] = planner.plan(requestData(), 0);
    expect(hook.request).toEqual({ method: 'POST', url: 'http://app/hook', headers: { 'x-mockdock-webhook-hops': '1' }, body: undefined });
  });

  it('counts hops from the triggering request and refuses the ninth webhook in a row', async () => {
    const planner = await plannerFor('- path: /a\n  webhooks: [{ url: "http://app/hook" }]\n');
    const [third] = planner.plan(requestData(), 0, { session: 's', hops: 2 });
    expect(third.request.headers['x-mockdock-webhook-hops']).toBe('3');
    expect(third).toMatchObject({ session: 's' });
    expect(third.refused).toBeUndefined();
    expect(planner.plan(requestData(), 0, { session: null, hops: 8 })[0].refused).toBe(
      '8 webhooks in a row came back to mockdock: stopped here to break the loop',
    );
  });

  it('sends a string body as text, and `{{json body}}` forwards the triggering body as it came', async () => {
    const planner = await plannerFor(`
- path: /a
  webhooks:
    - { url: "http://app/text", body: "order {{body.id}} paid" }
    - { url: "http://app/forward", body: "{{json body}}", headers: { Content-Type: application/json } }
`);
    const [text, forward] = planner.plan(requestData({ body: { id: 3, items: [1, 2] } }), 0);
    expect(text.request.headers['content-type']).toMatch(/^text\/plain/);
    expect(String(text.request.body)).toBe('order 3 paid');
    expect(forward.request.headers).toEqual({ 'Content-Type': 'application/json', 'x-mockdock-webhook-hops': '1' });
    expect(String(forward.request.body)).toBe('{"id":3,"items":[1,2]}');
  });

  it('sends strings as written when the endpoint turns templates off', async () => {
    const planner = await plannerFor('- path: /a\n  template: false\n  webhooks: [{ url: "http://app/hook", body: "{{body.id}}" }]\n');
    expect(String(planner.plan(requestData({ body: { id: 1 } }), 0)[0].request.body)).toBe('{{body.id}}');
  });

  it('refuses, at send time, a url that request data turns into an admin route or a non-http URL', async () => {
    const planner = await plannerFor('- path: /a\n  webhooks: [{ url: "{{body.callback}}" }]\n');
    const plan = (callback: string) => planner.plan(requestData({ body: { callback } }), 0)[0];
    expect(plan('http://127.0.0.1:8080/__reset').refused).toMatch(/admin routes \(\/__reset\)/);
    expect(plan('http://127.0.0.1:8080/x/../__logs').refused).toMatch(/admin routes \(\/__logs\)/);
    expect(plan('file:///etc/passwd').refused).toMatch(/http or https/);
    expect(plan('not a url').refused).toMatch(/not an absolute http\(s\) URL/);
    expect(plan('http://127.0.0.1:3000/hooks').refused).toBeUndefined();
  });

  it('draws the same delays for the same seed, and other delays for another seed', async () => {
    const yaml = '- path: /a\n  webhooks: [{ url: "http://app/h", delay_ms: { distribution: uniform, min: 100, max: 900 } }]\n';
    const draw = async (seed: number) => {
      const planner = await plannerFor(yaml, seed);
      return Array.from({ length: 50 }, () => planner.plan(requestData(), 0)[0].delayMs);
    };
    const first = await draw(42);
    expect(await draw(42)).toEqual(first);
    expect(await draw(43)).not.toEqual(first);
    expect(Math.min(...first)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...first)).toBeLessThanOrEqual(900);
  });

  it('takes every latency form for delay_ms, and a normal distribution centres on its mean', async () => {
    const fixed = await plannerFor('- path: /a\n  webhooks: [{ url: "http://app/h", delay_ms: 250 }]\n');
    expect(fixed.plan(requestData(), 0)[0].delayMs).toBe(250);
    const range = await plannerFor('- path: /a\n  webhooks: [{ url: "http://app/h", delay_ms: [10, 20] }]\n');
    expect(range.plan(requestData(), 0)[0].delayMs).toBeGreaterThanOrEqual(10);
    const normal = await plannerFor('- path: /a\n  webhooks: [{ url: "http://app/h", delay_ms: { distribution: normal, mean: 500, stddev: 50 } }]\n');
    const samples = Array.from({ length: 2000 }, () => normal.plan(requestData(), 0)[0].delayMs);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    expect(mean).toBeGreaterThan(490);
    expect(mean).toBeLessThan(510);
  });

  it('allows 1 + retries attempts', async () => {
    const planner = await plannerFor('- path: /a\n  webhooks: [{ url: "http://app/h", retries: 3 }]\n');
    expect(planner.plan(requestData(), 0)[0].attempts).toBe(4);
  });
});

describe('webhook config errors', () => {
  const one = (hook: string) => `- path: /orders\n  method: POST\n  webhooks:\n    - ${hook}\n`;

  it('reports a broken url template at its file, line and column', async () => {
    expect(await webhookIssues(one('url: "http://app/{{body.id"'))).toEqual([
      expect.stringMatching(/^hooks\.yaml:4:7 webhooks\[0\]\.url: template .*/),
    ]);
    expect(await webhookIssues(one('url: "http://app/{{nope 1}}"'))).toEqual([
      expect.stringMatching(/^hooks\.yaml:4:7 webhooks\[0\]\.url: .*unknown helper "nope"/),
    ]);
  });

  it('reports a url that is not an absolute http(s) URL', async () => {
    expect(await webhookIssues(one('url: "/hooks/local"'))).toEqual([
      'hooks.yaml:4:7 webhooks[0].url is not an absolute http(s) URL (got "/hooks/local")',
    ]);
    expect(await webhookIssues(one('url: "ftp://files.example/{{body.id}}"'))).toEqual([
      'hooks.yaml:4:7 webhooks[0].url must use http or https (got ftp)',
    ]);
  });

  it("reports a webhook aimed at mockdock's own /__* routes, written out or behind templates and dot segments", async () => {
    expect(await webhookIssues(one('url: "http://localhost:8080/__reset"'))).toEqual([
      "hooks.yaml:4:7 webhooks[0].url must not target mockdock's own admin routes (/__reset)",
    ]);
    expect(await webhookIssues(one('url: "http://{{headers.host}}/__logs?id={{body.id}}"'))).toEqual([
      "hooks.yaml:4:7 webhooks[0].url must not target mockdock's own admin routes (/__logs)",
    ]);
    expect(await webhookIssues(one('url: "http://mock:{{query.port}}/api/../__endpoints"'))).toEqual([
      "hooks.yaml:4:7 webhooks[0].url must not target mockdock's own admin routes (/__endpoints)",
    ]);
  });

  it('reports bad templates in headers and body, and headers the client sets itself, at their keys', async () => {
    const issues = await webhookIssues(`
- path: /orders
  webhooks:
    - url: http://app/h
      headers:
        Content-Length: "12"
        X-Sig: "{{hmac_sha256 'k'}}"
      body:
        order: "{{bodyy.id}}"
`);
    expect(issues.sort()).toEqual([
      expect.stringMatching(/^hooks\.yaml:6:9 webhooks\[0\]\.headers\.Content-Length is set by mockdock/),
      expect.stringMatching(/^hooks\.yaml:7:9 .*"hmac_sha256" takes 2 arguments, got 1/),
      expect.stringMatching(/^hooks\.yaml:9:9 .*unknown request data "bodyy.id"/),
    ]);
  });

  it('reports a delay_ms range given backwards at its key', async () => {
    const issues = await webhookIssues(one('{ url: "http://app/h", delay_ms: [20, 10] }'));
    expect(issues).toEqual(['hooks.yaml:4:30 webhooks[0].delay_ms has min 20 greater than max 10; swap them']);
  });
});
