/** What an importer produces before anything is written: endpoint files, body files, and what it could not carry. */
import type { EndpointDefinition } from '../model/endpoint';
import type { RenderBlock } from '../writer/render-yaml';

/** One construct of the source that mockdock cannot express, reported as one line. */
export interface CannotCarry {
  /** Source file, as the user named it. */
  source: string;
  /** Stub id or name. */
  stub: string;
  what: string;
  why: string;
}

export interface ImportedFile {
  /** Relative to the output folder, "/"-separated. */
  name: string;
  header: string[];
  blocks: RenderBlock[];
}

export interface ImportPlan {
  files: ImportedFile[];
  /** Body files, relative to the body-file folder the context names. */
  bodies: { name: string; content: Buffer }[];
  notes: CannotCarry[];
  /** Stubs (mappings, responses, examples) read from the source. */
  stubs: number;
}

/** Where body files go: `body_file` values are `${bodyPrefix}/${name}` (relative to the config root). */
export interface ImportContext {
  bodyPrefix: string;
  /** Whether endpoints may carry a key (default: this build's config schema has it). */
  supports?: (key: string) => boolean;
}

export function endpointCount(plan: ImportPlan): number {
  return plan.files.reduce((n, f) => n + f.blocks.reduce((m, b) => m + b.endpoints.length, 0), 0);
}

/** Collects notes for one source file and stub. */
export class Notes {
  readonly list: CannotCarry[] = [];
  constructor(private readonly source: string) {}
  add(stub: string, what: string, why: string): void {
    this.list.push({ source: this.source, stub, what, why });
  }
}

export type Endpoint = EndpointDefinition & Record<string, unknown>;
