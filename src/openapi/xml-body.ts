/** A documented example that is data (not XML text) written as XML, named as the schema names its root element. */
import { sample } from 'openapi-sampler';
import type { JsonSchema } from './schema-converter';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The root element's name: the schema's `xml.name`, else the referenced component's name, else "root". */
export function xmlRootName(schema: JsonSchema | undefined): string {
  if (!isObj(schema)) return 'root';
  const xmlName = (node: unknown) => (isObj(node) && isObj(node.xml) && typeof node.xml.name === 'string' ? node.xml.name : undefined);
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace(/^#\/\$defs\//, '');
    const defs = isObj(schema.$defs) ? schema.$defs : {};
    return xmlName(defs[name]) ?? (/^[A-Za-z_][\w.-]*$/.test(name) ? name : 'root');
  }
  return xmlName(schema) ?? 'root';
}

/** XML text for `value`, or undefined when it cannot be written. */
export function exampleAsXml(value: unknown, rootName: string): string | undefined {
  try {
    const text = sample({ example: value, xml: { name: rootName } } as never, { format: 'xml', quiet: true });
    return typeof text === 'string' && text.trim().startsWith('<') ? text : undefined;
  } catch {
    return undefined;
  }
}
