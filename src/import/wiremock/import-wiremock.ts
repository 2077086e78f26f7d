/**
 * `mockdock import wiremock DIR|FILE`: a WireMock root (`mappings/`, `__files/`) or one mapping file →
 * one endpoint file. WireMock's precedence is kept: priority 1 is its highest (mockdock: higher wins,
 * so priority becomes 5 − p), and among equals the newest stub (the later file, the later mapping) wins,
 * so stubs are written newest first.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { supportsKey } from '../../writer/capabilities';
import { type Endpoint, type ImportContext, type ImportPlan, Notes } from '../import-plan';
import { convertRequest } from './wiremock-request';
import { convertResponse } from './wiremock-response';

type Obj = Record<string, unknown>;

interface Stub {
  file: string;
  mapping: Obj;
  order: number;
}

const DEFAULT_PRIORITY = 5;

function mappingFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? mappingFiles(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []));
}

function readStubs(src: string): { stubs: Stub[]; filesDir: string; base: string; unreadable: { file: string; why: string }[] } {
  const isDir = statSync(src).isDirectory();
  const mappingsDir = isDir ? (statSync(path.join(src, 'mappings'), { throwIfNoEntry: false })?.isDirectory() ? path.join(src, 'mappings') : src) : undefined;
  const files = mappingsDir ? mappingFiles(mappingsDir) : [src];
  const base = isDir ? src : path.dirname(src);
  const filesDir = isDir ? path.join(src, '__files') : path.join(path.dirname(path.dirname(path.resolve(src))), '__files');
  const stubs: Stub[] = [];
  const unreadable: { file: string; why: string }[] = [];
  for (const file of files) {
    const rel = path.relative(base, file) || path.basename(file);
    let doc: Obj;
    try {
      doc = JSON.parse(readFileSync(file, 'utf8')) as Obj;
    } catch (err) {
      unreadable.push({ file: rel, why: (err as Error).message });
      continue;
    }
    const list = Array.isArray(doc.mappings) ? (doc.mappings as Obj[]) : [doc];
    for (const mapping of list) {
      if (mapping && typeof mapping === 'object' && (mapping.request || mapping.response)) stubs.push({ file: rel, mapping, order: stubs.length });
      else unreadable.push({ file: rel, why: 'it holds no WireMock mapping (no request or response)' });
    }
  }
  return { stubs, filesDir, base, unreadable };
}

function stubLabel(s: Stub): string {
  const m = s.mapping;
  return String(m.name ?? m.id ?? m.uuid ?? `mapping ${s.order + 1}`);
}

export function importWiremock(src: string, ctx: ImportContext): ImportPlan {
  const { stubs, filesDir, unreadable } = readStubs(src);
  const plan: ImportPlan = { files: [], bodies: [], notes: unreadable.map((u) => ({ source: u.file, stub: '(file)', what: 'the file', why: u.why })), stubs: stubs.length };
  const converted: { endpoint: Endpoint; priority: number; order: number; comment: string }[] = [];
  const bodies = new Map<string, Buffer>();
  const names = new Set<string>();
  const uniqueName = (name: string): string => {
    let candidate = name;
    for (let n = 2; names.has(candidate); n++) candidate = `${name} #${n}`;
    names.add(candidate);
    return candidate;
  };
  for (const stub of stubs) {
    const notes = new Notes(stub.file);
    const label = stubLabel(stub);
    const report = (what: string, why: string) => notes.add(label, what, why);
    const m = stub.mapping;
    const req = convertRequest((m.request ?? {}) as Obj, report);
    if (typeof req === 'string') {
      report('the stub', req);
      plan.notes.push(...notes.list);
      continue;
    }
    const response = { ...((m.response ?? {}) as Obj), __stubId: String(m.id ?? m.uuid ?? `stub-${stub.order + 1}`).replace(/[^\w.-]+/g, '_') };
    const segments = req.path.path.split('/').slice(1);
    const res = convertResponse({ response, filesDir, segments, ctx, addBody: (name, content) => bodies.set(name, content) }, report);
    if (typeof res.unsupported === 'string') {
      report('the stub', res.unsupported as string);
      plan.notes.push(...notes.list);
      continue;
    }
    const endpoint: Endpoint = { name: typeof m.name === 'string' ? uniqueName(m.name) : undefined, method: req.method, path: req.path.path } as Endpoint;
    if (endpoint.name === undefined) delete endpoint.name;
    if (Object.keys(req.match).length > 0) endpoint.match = req.match;
    const priority = typeof m.priority === 'number' ? m.priority : DEFAULT_PRIORITY;
    if (priority !== DEFAULT_PRIORITY) endpoint.priority = DEFAULT_PRIORITY - priority;
    if (typeof m.scenarioName === 'string') {
      if ((ctx.supports ?? supportsKey)('scenario')) {
        endpoint.scenario = m.scenarioName;
        const state = (s: unknown) => (s === 'Started' ? 'started' : String(s));
        if (m.requiredScenarioState !== undefined) endpoint.when_state = state(m.requiredScenarioState);
        if (m.newScenarioState !== undefined) endpoint.set_state = state(m.newScenarioState);
      } else report(`scenario ${m.scenarioName}`, 'this mockdock has no scenario keys yet; the stub answers in every state');
    }
    Object.assign(endpoint, res);
    converted.push({ endpoint, priority, order: stub.order, comment: `${stub.file}: ${label}` });
    plan.notes.push(...notes.list);
  }
  // Highest WireMock priority (lowest number) first, then the newest stub first.
  converted.sort((a, b) => a.priority - b.priority || b.order - a.order);
  plan.bodies = [...bodies.entries()].map(([name, content]) => ({ name, content }));
  if (converted.length > 0) {
    plan.files.push({
      name: 'wiremock.yaml',
      header: [`Imported by \`mockdock import wiremock\` from ${path.basename(path.resolve(src))}: ${converted.length} of ${stubs.length} stubs.`, 'Ordered as WireMock picks them: highest priority first, then the newest stub.'],
      blocks: converted.map((c) => ({ comment: [c.comment], endpoints: [c.endpoint] })),
    });
  }
  return plan;
}
