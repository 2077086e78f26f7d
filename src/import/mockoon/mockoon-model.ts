/** The parts of a Mockoon environment file the importer reads, and what its steps share. */
import type { ImportContext, Notes } from '../import-plan';
import type { MockoonRule } from './mockoon-rules';

export interface MockoonResponse {
  uuid?: string;
  label?: string;
  body?: string;
  latency?: number;
  statusCode?: number;
  headers?: { key: string; value: string }[];
  bodyType?: 'INLINE' | 'FILE' | 'DATABUCKET';
  filePath?: string;
  databucketID?: string;
  rules?: MockoonRule[];
  rulesOperator?: 'OR' | 'AND';
  disableTemplating?: boolean;
  default?: boolean;
  crudKey?: string;
}

export interface MockoonRoute {
  uuid?: string;
  type?: string;
  method?: string;
  endpoint?: string;
  documentation?: string;
  responses?: MockoonResponse[];
  responseMode?: string | null;
  enabled?: boolean;
}

export interface Env {
  name?: string;
  endpointPrefix?: string;
  latency?: number;
  headers?: { key: string; value: string }[];
  routes?: MockoonRoute[];
  rootChildren?: { type: string; uuid: string }[];
  folders?: { uuid: string; children: { type: string; uuid: string }[] }[];
  data?: { id: string; name: string; value: string }[];
}

export interface Ctx {
  file: string;
  env: Env;
  ctx: ImportContext;
  notes: Notes;
  bodies: Map<string, Buffer>;
}

