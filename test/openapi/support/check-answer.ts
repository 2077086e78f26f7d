/** Checks a mock's answer against what the spec documents for that status: content type and body schema. */
import { isDeepStrictEqual } from 'node:util';
import type { SpecOperation, SpecResponse, SpecVersion } from '../../../src/openapi/operation-model';
import { isJsonType, isWildcardType, isXmlType } from '../../../src/openapi/media-type';
import { escapeToken } from '../../../src/openapi/spec-problem';
import { landingPointer, type SpecOracle } from './spec-oracle';

export interface Answer {
  status: number;
  contentType?: string;
  text: string;
}

export interface Verdict {
  /** Empty when the answer conforms. */
  problems: string[];
  /** The body is a documented example that does not fit the spec's own schema. */
  offSchemaExample?: boolean;
}

function documented(op: SpecOperation, status: number): SpecResponse | undefined {
  return (
    op.responses.find((r) => r.code === String(status)) ??
    op.responses.find((r) => r.code.toUpperCase() === `${String(status)[0]}XX`) ??
    op.responses.find((r) => r.code === 'default')
  );
}

function baseType(t: string): string {
  return t.split(';')[0].trim().toLowerCase();
}

export function checkAnswer(
  op: SpecOperation,
  expectedStatus: number,
  answer: Answer,
  oracle: SpecOracle,
  oracleDoc: unknown,
  version: SpecVersion,
): Verdict {
  const problems: string[] = [];
  if (answer.status !== expectedStatus) return { problems: [`status ${answer.status}, expected ${expectedStatus}: ${answer.text.slice(0, 300)}`] };
  const res = documented(op, answer.status);
  if (!res) return { problems: [`status ${answer.status} is not documented`] };
  if (res.content.length === 0) return { problems: answer.text === '' ? [] : ['a body where the spec documents none'] };
  const got = answer.contentType ? baseType(answer.contentType) : '';
  const media = res.content.find((m) => baseType(m.type) === got) ?? res.content.find((m) => isWildcardType(m.type));
  if (!media) return { problems: [`content type ${got || '(none)'} is not one of ${res.content.map((m) => m.type).join(', ')}`] };
  if (isJsonType(got)) {
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return { problems: [`body is not JSON: ${answer.text.slice(0, 100)}`] };
    }
    if (!media.schema) return { problems };
    const structural =
      version === '2.0'
        ? `#/paths/${escapeToken(op.path)}/${op.method.toLowerCase()}/responses/${res.code}/schema`
        : `#/paths/${escapeToken(op.path)}/${op.method.toLowerCase()}/responses/${res.code}/content/${escapeToken(media.type)}/schema`;
    const pointer = landingPointer(oracleDoc, structural);
    if (pointer === null) return { problems: [`no schema at ${structural}`] };
    const errors = oracle.check(pointer, body);
    if (errors.length === 0) return { problems };
    if (media.examples.some((e) => isDeepStrictEqual(e.value, body))) return { problems, offSchemaExample: true };
    return { problems: errors.map((e) => `body ${e} (${pointer})`) };
  }
  if (isXmlType(got) && !answer.text.trimStart().startsWith('<')) problems.push('XML body does not start with "<"');
  return { problems };
}
