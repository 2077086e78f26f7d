/** Shared set-up for the GraphQL engine's tests: a compiled responder over an SDL held in memory. */
import fs from 'node:fs';
import path from 'node:path';
import { createRandom } from '../../src/behaviours/random';
import { type GraphqlResponder, compileGraphql } from '../../src/graphql/compile-graphql';
import type { GraphqlSpec } from '../../src/graphql/graphql-spec';
import type { GraphqlAnswer } from '../../src/graphql/graphql-answer';
import type { ConfigIssue } from '../../src/errors/config-issue';

/** The schema of the GraphQL fixture folder (test/fixtures/graphql), which the served tests use too. */
export const SDL = `\n${fs.readFileSync(path.join(__dirname, '../fixtures/graphql/schema.graphql'), 'utf8')}`;

/** Every pointer lands on its own line, so a test can see which key an issue points at. */
export function fakeLocate(file = 'api.yaml') {
  const seen: string[] = [];
  const locate = (pointer: string) => {
    let i = seen.indexOf(pointer);
    if (i < 0) i = seen.push(pointer) - 1;
    return { file, line: i + 1, col: 3 };
  };
  return Object.assign(locate, { pointerAt: (line: number) => seen[line - 1] });
}

export function files(map: Record<string, string>) {
  return (path: string) => (path in map ? { ok: true as const, path, content: map[path] } : { ok: false as const, message: `body_file "${path}" does not exist in the config folder` });
}

export function compile(spec: Partial<GraphqlSpec>, seed = 7): { ok: true; responder: GraphqlResponder } | { ok: false; issues: ConfigIssue[] } {
  return compileGraphql({ schema: SDL, ...spec } as GraphqlSpec, fakeLocate(), files({}), { seed, name: 'POST /graphql' });
}

export function responder(spec: Partial<GraphqlSpec> = {}, seed = 7): GraphqlResponder {
  const result = compile(spec, seed);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.responder;
}

export const env = (seed = 1) => ({ now: Date.UTC(2026, 0, 2), random: createRandom(seed) });

export function post(r: GraphqlResponder, body: unknown, headers: Record<string, string> = {}): GraphqlAnswer & { json: any } {
  const answer = r.respond({ method: 'POST', query: {}, headers: { 'content-type': 'application/json', ...headers }, body }, env());
  return { ...answer, json: JSON.parse(answer.body.toString('utf8')) };
}

export function get(r: GraphqlResponder, query: Record<string, string>, headers: Record<string, string> = {}): GraphqlAnswer & { json: any } {
  const answer = r.respond({ method: 'GET', query, headers, body: undefined }, env());
  return { ...answer, json: JSON.parse(answer.body.toString('utf8')) };
}
