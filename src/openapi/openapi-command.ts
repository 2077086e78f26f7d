/** `mockdock openapi SPEC`: entry point the CLI calls (the generator lands next). */

export interface OpenApiCommandOptions {
  out?: string;
  outDir?: string;
  splitByTag?: boolean;
  examples?: 'first' | 'all';
  basePath?: string;
}

export async function runOpenApiCommand(spec: string, opts: OpenApiCommandOptions): Promise<number> {
  void opts;
  process.stderr.write(`mockdock openapi: ${spec}: the OpenAPI generator is not available in this build yet\n`);
  return 1;
}
