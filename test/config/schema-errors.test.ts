import { loadConfig } from '../../src/config/load-config';
import { ErrorCodes } from '../../src/errors/codes';
import { fixture, loadIssues, tempFolder } from './fixtures';

async function issuesOf(files: Record<string, string>): Promise<string[]> {
  const { dir, cleanup } = tempFolder(files);
  try {
    return await loadIssues(dir);
  } finally {
    cleanup();
  }
}

describe('schema errors', () => {
  it('reports every problem of a file at once, each at the offending key, in plain words', async () => {
    expect(await loadIssues(fixture('schema-errors'))).toEqual([
      'endpoints.invalid.yaml:4:3 unknown key "lantency_ms" (did you mean "latency_ms"?)',
      'endpoints.invalid.yaml:5:3 "status" must be an integer from 100 to 599',
      'endpoints.invalid.yaml:6:3 "method" must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY',
      'endpoints.invalid.yaml:7:3 "path" must be a string starting with "/" (e.g. "/api/users/:id")',
      'endpoints.invalid.yaml:8:3 missing required key "stddev" in "latency_ms"',
      'endpoints.invalid.yaml:9:3 "failure_rate" must be a number from 0 to 1',
      'endpoints.invalid.yaml:10:3 missing required key "window_s" in "rate_limit"',
      'endpoints.invalid.yaml:12:5 invalid header name "X Bad" in "headers": use letters, digits and !#$%&\'*+-.^_`|~',
      'endpoints.invalid.yaml:13:3 missing required key "path"',
      'endpoints.invalid.yaml:16:7 "sequence[1].status" must be an integer from 100 to 599',
      'endpoints.invalid.yaml:17:7 unknown key "body" in "sequence[1]" (expected status, response, headers, latency_ms)',
    ]);
  });

  it('gives each issue its code and a JSON pointer into the file', async () => {
    const result = await loadConfig(fixture('schema-errors'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.every((i) => i.code === ErrorCodes.CONFIG_SCHEMA)).toBe(true);
    expect(result.issues.map((i) => i.pointer)).toEqual([
      '/1/lantency_ms',
      '/1/status',
      '/1/method',
      '/2/path',
      '/2/latency_ms',
      '/2/failure_rate',
      '/2/rate_limit',
      '/2/headers/X Bad',
      '/3',
      '/3/sequence/1/status',
      '/3/sequence/1/body',
    ]);
  });

  it('orders issues by file load order, then line', async () => {
    const issues = await issuesOf({ 'b.yaml': '- path: /b\n  status: 1\n', 'a.yaml': '- path: /a\n\n\n  every: 0\n- path: /c\n  priority: high\n' });
    expect(issues).toEqual([
      'a.yaml:4:3 "every" must be an integer of at least 1',
      'a.yaml:6:3 "priority" must be an integer',
      'b.yaml:2:3 "status" must be an integer from 100 to 599',
    ]);
  });

  it('explains unions by the branch the value\'s type picks, or by naming all of them', async () => {
    const yaml = [
      '- path: /a',
      '  latency_ms: [10, 20, 30]',
      '  failure: [{ kind: reset, weight: 0 }]',
      '  match: { query: { q: { regex: 5 } }, headers: { X-A: [1] } }',
      '- path: /b',
      '  latency_ms: fast',
      '  failure: boom',
      '  LatencyMS: 1',
    ].join('\n');
    expect(await issuesOf({ 'u.yaml': yaml })).toEqual([
      'u.yaml:2:3 "latency_ms" must be a list of two numbers [min, max]',
      'u.yaml:3:28 "failure[0].weight" must be a number greater than 0',
      'u.yaml:4:26 "match.query.q.regex" must be a non-empty string',
      'u.yaml:4:51 "match.headers.X-A" must be a string or {regex: "…"}',
      'u.yaml:6:3 "latency_ms" must be a number of milliseconds, [min, max], or {distribution: normal | lognormal | uniform, …}',
      'u.yaml:7:3 "failure" must be a failure object or a list of them',
      'u.yaml:8:3 unknown key "LatencyMS" (did you mean "latency_ms"?)',
    ]);
  });

  it('checks the keys that go with each latency distribution', async () => {
    const yaml = '- path: /a\n  latency_ms:\n    distribution: uniform\n    min: 10\n    mean: 5\n- path: /b\n  latency_ms: { distribution: gauss }\n';
    expect(await issuesOf({ 'l.yaml': yaml })).toEqual([
      'l.yaml:2:3 missing required key "max" in "latency_ms"',
      'l.yaml:5:5 unknown key "mean" in "latency_ms" (expected distribution, min, max)',
      'l.yaml:7:17 "latency_ms.distribution" must be one of "normal", "lognormal" or "uniform"',
    ]);
  });

  it('refuses response and body_file together', async () => {
    expect(await issuesOf({ 'r.yaml': '- path: /a\n  body_file: __files/x.json\n  response: {}\n' })).toEqual([
      'r.yaml:3:3 use either "response" or "body_file", not both',
    ]);
  });

  it('checks defaults too, and keeps path and name out of them', async () => {
    const yaml = 'defaults:\n  path: /all\n  status: 42\nendpoints:\n  - path: /a\n';
    expect(await issuesOf({ 'd.yaml': yaml })).toEqual([
      'd.yaml:2:3 "path" cannot be a default: each endpoint has its own',
      'd.yaml:3:3 "defaults.status" must be an integer from 100 to 599',
    ]);
  });

  it('explains a file of the wrong shape', async () => {
    expect(await issuesOf({ 's.yaml': 'just text\n' })).toEqual([
      's.yaml:1:1 a config file holds an endpoint object, a list of endpoints, or {defaults, endpoints}; this one holds a string',
    ]);
    expect(await issuesOf({ 'e.yaml': 'defaults: { status: 201 }\nendpoint:\n  - path: /a\n' })).toEqual([
      'e.yaml:1:1 missing required key "endpoints" (the list the defaults apply to)',
      'e.yaml:2:1 unknown key "endpoint" beside "defaults"/"endpoints" (did you mean "endpoints"?)',
    ]);
    expect(await issuesOf({ 'n.yaml': 'endpoints:\n  path: /a\n' })).toEqual(['n.yaml:1:1 "endpoints" must be a list of endpoints, not an object']);
    expect(await issuesOf({ 'i.yaml': '- path: /a\n- just text\n' })).toEqual(['i.yaml:2:3 an endpoint must be an object']);
  });

  it('suggests the key a camelCase or misspelt one stands for', async () => {
    expect(await issuesOf({ 'c.yaml': '- path: /a\n  bodyFile: x\n  failureRate: 0.1\n  sequenceMode: loop\n  stauts: 200\n' })).toEqual([
      'c.yaml:2:3 unknown key "bodyFile" (did you mean "body_file"?)',
      'c.yaml:3:3 unknown key "failureRate" (did you mean "failure_rate"?)',
      'c.yaml:4:3 unknown key "sequenceMode" (did you mean "sequence_mode"?)',
      'c.yaml:5:3 unknown key "stauts" (did you mean "status"?)',
    ]);
  });

  it('reports schema errors in JSON files at their lines too', async () => {
    const json = '[\n  {\n    "path": "/a",\n    "status": 700,\n    "extra": true\n  }\n]\n';
    expect(await issuesOf({ 'j.json': json })).toEqual([
      'j.json:4:5 "status" must be an integer from 100 to 599',
      'j.json:5:5 unknown key "extra"',
    ]);
  });
});
