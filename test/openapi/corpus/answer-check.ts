/** Checks an answer against the raw document: a declared status, a declared media type, a body its schema accepts. */
import { escapeToken } from '../../../src/openapi/spec-problem';
import { landingPointer, type SpecOracle } from '../support/spec-oracle';
import { deref, isObj, type CorpusOperation } from './request-builder';

type Obj = Record<string, unknown>;

export interface CorpusAnswer {
  status: number;
  contentType?: string;
  text: string;
}

const base = (t: string) => t.split(';')[0].trim().toLowerCase();
const isJson = (t: string) => /^(application|text)\/(.+\+)?json$/.test(base(t));
const isXml = (t: string) => /^(application|text)\/(.+\+)?xml$/.test(base(t));

/** Is media type `got` covered by the declared `type` (which may be a wildcard such as `*\/*` or `image/*`)? */
function covers(declared: string, got: string): boolean {
  const [dt, ds] = base(declared).split('/');
  const [gt, gs] = got.split('/');
  return (dt === '*' || dt === gt) && (ds === '*' || ds === gs);
}

function responseFor(responses: Obj, status: number): [string, Obj] | undefined {
  for (const code of [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, 'default']) {
    if (responses[code] !== undefined) return [code, responses[code] as Obj];
  }
  return undefined;
}

/** Problems with the answer; empty when it conforms. */
export function checkCorpusAnswer(doc: Obj, op: CorpusOperation, answer: CorpusAnswer, oracle: SpecOracle): string[] {
  const responses = isObj(op.op.responses) ? op.op.responses : {};
  const codes = Object.keys(responses).filter((c) => !c.startsWith('x-'));
  const successes = codes.filter((c) => /^[23]/.test(c));
  const allowed = successes.length > 0 ? successes : codes;
  const found = responseFor(responses, answer.status);
  if (!found || !allowed.includes(found[0])) {
    return [`status ${answer.status} (declared: ${codes.join(', ')}): ${answer.text.slice(0, 200)}`];
  }
  const [code, raw] = found;
  // HTTP sends no body with these, whatever the document declares
  if ([204, 205, 304].includes(answer.status)) return answer.text === '' ? [] : [`a body with status ${answer.status}`];
  const res = deref(doc, raw) as Obj;
  const got = answer.contentType ? base(answer.contentType) : '';
  const opPointer = `#/paths/${escapeToken(op.pathKey)}/${op.method.toLowerCase()}/responses/${escapeToken(code)}`;
  let media: { type: string; pointer?: string } | undefined;
  if (doc.swagger !== undefined) {
    const produces = (op.op.produces ?? doc.produces ?? ['application/json']) as string[];
    const examples = isObj(res.examples) ? Object.keys(res.examples) : [];
    if (res.schema === undefined && examples.length === 0) return answer.text === '' ? [] : ['a body where the document declares none'];
    const type = [...produces, ...examples].find((t) => covers(t, got));
    if (type) media = { type, pointer: res.schema === undefined ? undefined : `${opPointer}/schema` };
    else if (got === '') return [];
    else return [`content type ${got} is not one of ${[...produces, ...examples].join(', ')}`];
  } else {
    const content = isObj(res.content) ? res.content : {};
    const types = Object.keys(content);
    if (types.length === 0) return answer.text === '' ? [] : ['a body where the document declares none'];
    const type = types.find((t) => base(t) === got) ?? types.find((t) => covers(t, got));
    if (!type) return [`content type ${got || '(none)'} is not one of ${types.join(', ')}`];
    const m = deref(doc, content[type]);
    media = { type, pointer: isObj(m) && m.schema !== undefined ? `${opPointer}/content/${escapeToken(type)}/schema` : undefined };
  }
  if (isJson(got)) {
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return [`body is not JSON: ${answer.text.slice(0, 100)}`];
    }
    if (!media?.pointer) return [];
    const pointer = landingPointer(doc, media.pointer);
    if (pointer === null) return [`no schema at ${media.pointer}`];
    return oracle.check(pointer, body).map((e) => `body ${e}`);
  }
  if (isXml(got) && !answer.text.trimStart().startsWith('<')) return ['an XML media type, but the body is not XML'];
  return [];
}
