/** One shape for operations read from Swagger 2.0 and OpenAPI 3.x alike, so the generator has a single input. */
import type { Located, Loc } from './ref-resolver';

export type SpecVersion = '2.0' | '3.0' | '3.1';

export interface SpecExample {
  name: string;
  value: unknown;
}

export interface SpecMediaType {
  type: string;
  /** An OpenAPI schema object (may be a `$ref`), with the place it was written. */
  schema?: Located;
  /** Documented examples in document order; the media type's own `example` is named `example`. */
  examples: SpecExample[];
  /** Examples given only by URL (`externalValue`), which are not fetched. */
  externalExamples: string[];
  loc: Loc;
}

export interface SpecHeader {
  name: string;
  required: boolean;
  /** The documented example (or default) value, when there is one. */
  example?: { value: unknown };
  schema?: Located;
}

export interface SpecResponse {
  /** As written: '200', '2XX' or 'default'. */
  code: string;
  description: string;
  headers: SpecHeader[];
  content: SpecMediaType[];
  loc: Loc;
}

export interface SpecParameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required: boolean;
  schema?: Located;
  /** Query arrays: true when each item comes as its own `name=value` pair. */
  explode: boolean;
  /** OpenAPI 3 style (form, deepObject, …); Swagger 2 collectionFormat mapped onto it. */
  style: string;
  /** The parameter is described by `content` (a serialized document) rather than a schema. */
  viaContent: boolean;
  /** Its own documented example (`example`, the first of `examples`, Swagger 2 `x-example`), if any. */
  example?: { value: unknown };
  /** Empty values allowed (query and form fields); only an explicit `false` forbids them. */
  allowEmptyValue?: boolean;
  loc: Loc;
}

export interface SpecRequestBody {
  required: boolean;
  content: SpecMediaType[];
  loc: Loc;
}

export interface SpecOperation {
  method: string;
  /** The path as written in the document, e.g. '/pets/{petId}'. */
  path: string;
  operationId?: string;
  summary?: string;
  tags: string[];
  deprecated: boolean;
  parameters: SpecParameter[];
  requestBody?: SpecRequestBody;
  responses: SpecResponse[];
  /** Path part of the server URL (OpenAPI 3) or `basePath` (Swagger 2) in force for this operation. */
  basePath: string;
  /** Features of the operation that are not carried into the mock. */
  leftOut: string[];
  loc: Loc;
}

export interface SpecSummary {
  version: SpecVersion;
  /** The `openapi`/`swagger` value as written. */
  versionText: string;
  title: string;
  apiVersion: string;
  operations: SpecOperation[];
  /** Operations under 3.1 `webhooks`: documented, but there is nothing for a mock server to serve. */
  webhookCount: number;
  /** True when the document has no `paths` key at all. */
  noPaths: boolean;
  /** Security schemes the document defines, as 'name (type)'; the mock does not enforce them. */
  securitySchemes: string[];
}
