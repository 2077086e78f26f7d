/** Shared test helpers: a fixed clock, a seeded random source, request data and a locate stub. */
import type { SourceRef } from '../../src/model/endpoint';
import {
  compileResponse, type CompiledResponse, type RenderEnv, type ResponseSource, type TemplateContext,
} from '../../src/response/compile-response';

/** 2024-02-29T12:34:56.789Z */
export const NOW = Date.UTC(2024, 1, 29, 12, 34, 56, 789);

/** mulberry32: small, seedable, good enough for reproducibility checks. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function env(seed = 1, now = NOW): RenderEnv {
  return { now, random: seeded(seed) };
}

export function request(over: Partial<TemplateContext> = {}): TemplateContext {
  return {
    params: { id: '42' },
    query: { q: 'shoes', tag: ['a', 'b'] },
    headers: { 'x-request-id': 'req-7', 'content-type': 'application/json' },
    body: { user: { name: 'Ada', roles: ['admin', 'dev'] } },
    method: 'POST',
    path: '/api/users/42',
    ...over,
  };
}

/** Each pointer gets its own made-up position, so a test can tell which value an issue points at. */
export function locateTable(positions: Record<string, [number, number]> = {}) {
  const asked: string[] = [];
  const locate = (pointer: string): SourceRef => {
    asked.push(pointer);
    const [line, col] = positions[pointer] ?? [1, 1];
    return { file: 'api.yaml', line, col };
  };
  return { locate, asked };
}

export function compileOk(src: ResponseSource): CompiledResponse {
  const result = compileResponse(src, locateTable().locate);
  if (!result.ok) throw new Error(`expected to compile, got: ${result.issues.map((i) => i.message).join('; ')}`);
  return result.response;
}

/** Renders a single templated string as a text body. */
export function renderText(template: string, ctx: TemplateContext = request(), e: RenderEnv = env()): string {
  return compileOk({ response: template }).render(ctx, e).body.toString('utf8');
}

export function renderJson(response: unknown, ctx: TemplateContext = request(), e: RenderEnv = env()): unknown {
  return JSON.parse(compileOk({ response }).render(ctx, e).body.toString('utf8'));
}

export function issuesOf(src: ResponseSource, positions: Record<string, [number, number]> = {}, prefix?: string) {
  const result = compileResponse(src, locateTable(positions).locate, prefix);
  if (result.ok) throw new Error('expected compile issues, got none');
  return result.issues;
}
