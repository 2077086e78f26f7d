/** A WireMock `response` definition → mockdock status, headers, body, delay and faults. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EndpointDefinition, FailureKind, LatencySpec } from '../../model/endpoint';
import { supportsKey } from '../../writer/capabilities';
import type { ImportContext } from '../import-plan';
import { type Tag, dataPath, simpleJsonPath, translateTemplate } from '../template-translate';
import type { Report } from './wiremock-request';

type Obj = Record<string, unknown>;

export interface ResponseInput {
  response: Obj;
  /** The WireMock root's `__files` folder. */
  filesDir: string;
  /** The mockdock path's segments (`:name` for parameters), for `request.pathSegments.[n]`. */
  segments: string[];
  ctx: ImportContext;
  addBody(name: string, content: Buffer): void;
}

const FAULTS: Record<string, FailureKind> = {
  CONNECTION_RESET_BY_PEER: 'reset',
  EMPTY_RESPONSE: 'empty',
  MALFORMED_RESPONSE_CHUNK: 'malformed',
  RANDOM_DATA_THEN_CLOSE: 'malformed',
};

function rewriter(segments: string[]): (tag: Tag) => string | undefined {
  return (tag) => {
    const { head, args, hash } = tag;
    if (['else', '/if', '/unless', '/each', '/with', 'this', '@index', '@key', '.'].includes(head)) return `{{${head}}}`;
    const block = /^#(if|unless|each|with)$/.exec(head);
    if (block) {
      const inner = args[0] ? rewriter(segments)({ head: args[0].text, args: [], hash: {}, raw: '' }) : undefined;
      return inner ? `{{${head} ${inner.slice(2, -2)}}}` : undefined;
    }
    const named = /^request\.path\.([A-Za-z_]\w*)$/.exec(head);
    if (named && segments.includes(`:${named[1]}`)) return `{{params.${named[1]}}}`;
    const seg = /^request\.(?:pathSegments|path)\.\[?(\d+)\]?$/.exec(head);
    if (seg) {
      const s = segments[Number(seg[1])];
      if (s === undefined || s === '*') return undefined;
      return s.startsWith(':') ? `{{params.${s.slice(1)}}}` : decodeURIComponent(s);
    }
    const q = /^request\.(query|headers)\.(?:\[([^\]]+)\]|([\w-]+))(?:\.\[?0\]?)?$/.exec(head);
    if (q) return `{{${q[1]}.[${q[1] === 'headers' ? (q[2] ?? q[3]).toLowerCase() : q[2] ?? q[3]}]}}`;
    if (head === 'request.method') return '{{method}}';
    if (head === 'request.path' || head === 'request.requestLine.path') return '{{path}}';
    if (head === 'jsonPath' && args[0]?.text === 'request.body' && args[1]) {
      const key = simpleJsonPath(args[1].text);
      return key ? `{{${dataPath('body', key)}}}` : undefined;
    }
    if (head === 'now' && args.length === 0 && Object.keys(hash).length === 0) return '{{now}}';
    if (head === 'randomValue' && hash.type === 'UUID') return '{{uuid}}';
    if (head === 'randomInt' && /^-?\d+$/.test(hash.lower ?? '') && /^-?\d+$/.test(hash.upper ?? '')) return `{{random_int ${hash.lower} ${Number(hash.upper) - 1}}}`;
    return undefined;
  };
}

function latencyOf(res: Obj, report: Report): LatencySpec | undefined {
  const fixed = typeof res.fixedDelayMilliseconds === 'number' ? res.fixedDelayMilliseconds : 0;
  const d = res.delayDistribution as Obj | undefined;
  let dist: LatencySpec | undefined;
  if (d?.type === 'lognormal' && typeof d.median === 'number' && typeof d.sigma === 'number') dist = { distribution: 'lognormal', median: d.median, sigma: d.sigma };
  else if (d?.type === 'uniform' && typeof d.lower === 'number' && typeof d.upper === 'number') dist = { distribution: 'uniform', min: d.lower, max: d.upper };
  else if (d?.type === 'fixed' && typeof d.milliseconds === 'number') dist = d.milliseconds;
  else if (d) report('response.delayDistribution', `type ${JSON.stringify(d.type)} has no mockdock counterpart`);
  if (dist !== undefined && fixed > 0) {
    if (typeof dist === 'number') return dist + fixed;
    report('response.fixedDelayMilliseconds', 'used together with a delayDistribution; only the distribution is kept');
  }
  return dist ?? (fixed > 0 ? fixed : undefined);
}

export function convertResponse(input: ResponseInput, report: Report): Partial<EndpointDefinition> & Record<string, unknown> {
  const res = input.response;
  const out: Partial<EndpointDefinition> & Record<string, unknown> = {};
  const templating = Array.isArray(res.transformers) && res.transformers.includes('response-template');
  for (const t of (Array.isArray(res.transformers) ? res.transformers : []) as string[]) {
    if (t !== 'response-template') report(`response.transformers ${t}`, 'mockdock runs no WireMock extensions');
  }
  if (typeof res.proxyBaseUrl === 'string') {
    if (!(input.ctx.supports ?? supportsKey)('proxy')) return { ...out, unsupported: `proxyBaseUrl ${res.proxyBaseUrl}: this mockdock has no proxy key yet` };
    const headers = res.additionalProxyRequestHeaders as Record<string, string> | undefined;
    out.proxy = headers ? { url: res.proxyBaseUrl, headers } : res.proxyBaseUrl;
    // The upstream answers: status, headers and body come from it, only the delay is ours.
    const delay = latencyOf(res, report);
    return delay === undefined ? out : { ...out, latency_ms: delay };
  }
  out.status = typeof res.status === 'number' ? res.status : 200;
  const headers: Record<string, string> = {};
  let template: boolean | undefined;
  const text = (body: string): string => {
    if (!templating) {
      if (body.includes('{{')) template = false;
      return body;
    }
    const t = translateTemplate(body, rewriter(input.segments));
    if (t.ok) return t.text;
    report('a response template', `${t.tag} has no mockdock counterpart; the body is served as written`);
    template = false;
    return body;
  };
  for (const [k, v] of Object.entries((res.headers ?? {}) as Obj)) headers[k] = text(Array.isArray(v) ? v.join(', ') : String(v));
  if (res.jsonBody !== undefined) {
    if (res.jsonBody !== null && typeof res.jsonBody === 'object') {
      const json = JSON.stringify(res.jsonBody);
      out.response = templating && json.includes('{{') ? JSON.parse(text(json)) : res.jsonBody;
      if (!templating && json.includes('{{')) template = false;
    } else {
      out.response = JSON.stringify(res.jsonBody);
      headers['Content-Type'] ??= 'application/json';
    }
  } else if (typeof res.body === 'string') {
    out.response = text(res.body);
  } else if (typeof res.base64Body === 'string') {
    const name = `${input.response.__stubId as string}.bin`;
    input.addBody(name, Buffer.from(res.base64Body, 'base64'));
    out.body_file = `${input.ctx.bodyPrefix}/${name}`;
    template = false;
  } else if (typeof res.bodyFileName === 'string') {
    const file = path.resolve(input.filesDir, res.bodyFileName);
    if (res.bodyFileName.includes('{{')) report('response.bodyFileName', 'a templated file name has no mockdock counterpart');
    else if (!existsSync(file)) report('response.bodyFileName', `${res.bodyFileName} is not in the __files folder`);
    else {
      const content = readFileSync(file);
      input.addBody(res.bodyFileName.replace(/\\/g, '/'), content);
      out.body_file = `${input.ctx.bodyPrefix}/${res.bodyFileName.replace(/\\/g, '/')}`;
      if (!templating) template = false;
      else if (content.includes('{{')) {
        report('a templated body file', 'its helpers are not translated; it is served as written');
        template = false;
      }
    }
  }
  if (Object.keys(headers).length > 0) out.headers = headers;
  const latency = latencyOf(res, report);
  if (latency !== undefined) out.latency_ms = latency;
  if (typeof res.fault === 'string') {
    const kind = FAULTS[res.fault];
    if (!kind) report(`response.fault ${res.fault}`, 'no such fault in mockdock');
    else {
      if (res.fault === 'RANDOM_DATA_THEN_CLOSE') report('response.fault RANDOM_DATA_THEN_CLOSE', 'served as a malformed chunked body, the nearest mockdock fault');
      out.failure_rate = 1;
      out.failure = { kind };
    }
  } else if (res.chunkedDribbleDelay && typeof (res.chunkedDribbleDelay as Obj).totalDuration === 'number') {
    out.failure_rate = 1;
    out.failure = { kind: 'slow_body', duration_ms: (res.chunkedDribbleDelay as Obj).totalDuration as number };
  }
  if (template === false) out.template = false;
  return out;
}
