/** Walks `paths` in document order and reads every operation (Swagger 2.0 or OpenAPI 3.x) into the shared model. */
import type { RefResolver, Loc } from './ref-resolver';
import { at, isObject } from './ref-resolver';
import type { SpecOperation, SpecSummary, SpecVersion, SpecParameter } from './operation-model';
import { readParameter3, readRequestBody3, readResponses3 } from './openapi3-operation';
import { readParameters2, readResponses2 } from './swagger2-operation';
import { serverBasePath } from './base-path';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Which dialect the document is written in, or a problem saying why it is not one we read. */
export function detectVersion(root: unknown): { version: SpecVersion; text: string } | { pointer: string; message: string } {
  if (!isObject(root)) {
    return { pointer: '#', message: 'not an OpenAPI or Swagger document: expected a YAML or JSON object at the top' };
  }
  if (root.openapi !== undefined) {
    const text = String(root.openapi);
    if (/^3\.0(\.\d+)?$/.test(text)) return { version: '3.0', text };
    if (/^3\.1(\.\d+)?$/.test(text)) return { version: '3.1', text };
    return { pointer: '#/openapi', message: `unsupported OpenAPI version ${JSON.stringify(text)}: mockdock reads OpenAPI 3.0.x, 3.1.x and Swagger 2.0` };
  }
  if (root.swagger !== undefined) {
    const text = typeof root.swagger === 'number' ? root.swagger.toFixed(1) : String(root.swagger);
    if (text === '2.0') return { version: '2.0', text };
    return { pointer: '#/swagger', message: `unsupported Swagger version ${JSON.stringify(text)}: mockdock reads Swagger 2.0 and OpenAPI 3.0.x/3.1.x` };
  }
  return { pointer: '#', message: 'not an OpenAPI or Swagger document: it has neither an "openapi" nor a "swagger" key' };
}

function mergeParams(pathLevel: unknown, opLevel: unknown, itemLoc: Loc, opLoc: Loc): Array<{ raw: unknown; loc: Loc }> {
  const list: Array<{ raw: unknown; loc: Loc }> = [];
  if (Array.isArray(pathLevel)) pathLevel.forEach((raw, i) => list.push({ raw, loc: at(itemLoc, 'parameters', i) }));
  if (Array.isArray(opLevel)) opLevel.forEach((raw, i) => list.push({ raw, loc: at(opLoc, 'parameters', i) }));
  return list;
}

/** Operation-level parameters override path-level ones with the same name and location. */
function dedupe(params: SpecParameter[]): SpecParameter[] {
  const byKey = new Map<string, SpecParameter>();
  for (const p of params) byKey.set(`${p.in}:${p.name}`, p);
  return [...byKey.values()];
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

function readOperation(
  root: Record<string, unknown>,
  version: SpecVersion,
  path: string,
  item: Record<string, unknown>,
  itemLoc: Loc,
  method: string,
  r: RefResolver,
): SpecOperation | null {
  const opLoc = at(itemLoc, method);
  const op = item[method];
  if (!isObject(op)) return null;
  const raws = mergeParams(item.parameters, op.parameters, itemLoc, opLoc);
  const leftOut: string[] = [];
  let parameters: SpecParameter[];
  let requestBody;
  let responses;
  let basePath: string;
  if (version === '2.0') {
    const consumes = stringList(op.consumes) ?? stringList(root.consumes) ?? ['application/json'];
    const produces = stringList(op.produces) ?? stringList(root.produces) ?? ['application/json'];
    const read = readParameters2(raws, consumes, opLoc, r);
    parameters = read.parameters;
    requestBody = read.requestBody;
    responses = readResponses2(op.responses, produces, at(opLoc, 'responses'), r);
    basePath = typeof root.basePath === 'string' ? root.basePath : '';
  } else {
    parameters = [];
    for (const { raw, loc } of raws) {
      const p = readParameter3(raw, loc, r);
      if (p) parameters.push(p);
    }
    requestBody = readRequestBody3(op.requestBody, at(opLoc, 'requestBody'), r);
    responses = readResponses3(op.responses, at(opLoc, 'responses'), r);
    basePath = serverBasePath(op.servers ?? item.servers ?? root.servers);
    if (isObject(op.callbacks) && Object.keys(op.callbacks).length > 0) {
      leftOut.push(`callbacks (${Object.keys(op.callbacks).join(', ')}): mockdock does not make outgoing calls`);
    }
  }
  return {
    method: method.toUpperCase(),
    path,
    operationId: typeof op.operationId === 'string' && op.operationId !== '' ? op.operationId : undefined,
    summary: typeof op.summary === 'string' ? op.summary : undefined,
    tags: stringList(op.tags) ?? [],
    deprecated: op.deprecated === true,
    parameters: dedupe(parameters),
    requestBody,
    responses,
    basePath,
    leftOut,
    loc: opLoc,
  };
}

function countWebhooks(root: Record<string, unknown>): number {
  if (!isObject(root.webhooks)) return 0;
  let n = 0;
  for (const item of Object.values(root.webhooks)) {
    if (isObject(item)) n += METHODS.filter((m) => isObject(item[m])).length;
  }
  return n;
}

function securitySchemes(root: Record<string, unknown>): string[] {
  const components = isObject(root.components) ? root.components : {};
  const defs = isObject(root.securityDefinitions) ? root.securityDefinitions : isObject(components.securitySchemes) ? components.securitySchemes : {};
  return Object.entries(defs).map(([name, s]) => (isObject(s) && typeof s.type === 'string' ? `${name} (${s.type})` : name));
}

/** Reads every operation; broken `$ref`s are reported to the resolver's sink and the part is skipped. */
export function collectOperations(root: Record<string, unknown>, version: SpecVersion, versionText: string, r: RefResolver): SpecSummary {
  const info = isObject(root.info) ? root.info : {};
  const summary: SpecSummary = {
    version,
    versionText,
    title: typeof info.title === 'string' ? info.title : 'Untitled API',
    apiVersion: info.version === undefined ? '' : String(info.version),
    operations: [],
    webhookCount: countWebhooks(root),
    noPaths: root.paths === undefined,
    securitySchemes: securitySchemes(root),
  };
  if (root.paths === undefined) return summary;
  const pathsLoc: Loc = { file: '', pointer: '#/paths' };
  if (!isObject(root.paths)) {
    r.problem(pathsLoc, '"paths" must be an object mapping paths to path items');
    return summary;
  }
  for (const [path, rawItem] of Object.entries(root.paths)) {
    if (path.startsWith('x-')) continue;
    const item = r.deref(rawItem, at(pathsLoc, path));
    if (item === null) continue;
    if (!isObject(item.value)) {
      r.problem(at(pathsLoc, path), 'a path item must be an object');
      continue;
    }
    if (!path.startsWith('/')) {
      r.problem(at(pathsLoc, path), `path ${JSON.stringify(path)} must start with "/"`);
      continue;
    }
    for (const method of Object.keys(item.value)) {
      if (!METHODS.includes(method)) continue;
      const op = readOperation(root, version, path, item.value, item.loc, method, r);
      if (op) summary.operations.push(op);
    }
  }
  return summary;
}
