/** A problem found in the config: where it is and what to do about it. */
export interface ConfigIssue {
  /** Path relative to the config root (or the path given, for a single file). */
  file: string;
  line: number;
  col: number;
  message: string;
  /** A code from the registry in errors/codes.ts (ErrorCodes). */
  code: string;
  /** JSON pointer to the offending value inside the file, when known. */
  pointer?: string;
}
