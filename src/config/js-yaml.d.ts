/** The slice of js-yaml's API the config loader uses (the package ships no TypeScript types). */
declare module 'js-yaml' {
  export interface LoaderState {
    line: number;
    lineStart: number;
    position: number;
    depth: number;
    result: unknown;
  }

  export interface LoadOptions {
    filename?: string;
    schema?: unknown;
    json?: boolean;
    listener?: (this: LoaderState, event: 'open' | 'close', state: LoaderState) => void;
  }

  export const CORE_SCHEMA: unknown;

  export class YAMLException extends Error {
    reason: string;
    mark?: { line: number; column: number; position: number };
  }

  export function load(text: string, options?: LoadOptions): unknown;
}
