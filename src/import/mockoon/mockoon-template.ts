/** Mockoon's templating helpers → mockdock's, where one exists (others leave the body as written, reported). */
import { type Tag, dataPath, simpleJsonPath } from '../template-translate';

const PASS = new Set(['else', '/if', '/unless', '/each', '/with', 'this', '@index', '@key', '.']);

function quote(text: string): string {
  return JSON.stringify(text);
}

export function mockoonRewriter(params: ReadonlySet<string>): (tag: Tag) => string | undefined {
  const rewrite = (tag: Tag): string | undefined => {
    const { head, args, hash } = tag;
    if (PASS.has(head)) return `{{${head}}}`;
    const block = /^#(if|unless|each|with)$/.exec(head);
    if (block) {
      if (args.length !== 1 || args[0].quoted || args[0].text.startsWith('(')) return undefined;
      return `{{${head} ${args[0].text}}}`;
    }
    const key = args[0]?.quoted ? args[0].text : undefined;
    switch (head) {
      case 'urlParam':
        return key && args.length === 1 && params.has(key) ? `{{${dataPath('params', key)}}}` : undefined;
      case 'queryParam':
        return key && args.length === 1 ? `{{query.[${key}]}}` : undefined;
      case 'header':
        return key && args.length === 1 ? `{{headers.[${key.toLowerCase()}]}}` : undefined;
      case 'body': {
        if (args.length === 0) return undefined;
        const path = key && args.length === 1 ? simpleJsonPath(key) : undefined;
        return path ? `{{${dataPath('body', path)}}}` : undefined;
      }
      case 'method':
        return args.length === 0 ? '{{method}}' : undefined;
      case 'now':
        return args.length === 0 ? '{{now}}' : undefined;
      case 'uuid':
      case 'guid':
        return args.length === 0 ? '{{uuid}}' : undefined;
      case 'int':
        return args.length === 2 && args.every((a) => /^-?\d+$/.test(a.text)) ? `{{random_int ${args[0].text} ${args[1].text}}}` : undefined;
      case 'boolean':
        return args.length === 0 ? '{{faker "datatype.boolean"}}' : undefined;
      case 'faker': {
        if (!key || args.slice(1).some((a) => !/^-?\d+(\.\d+)?$/.test(a.text))) return undefined;
        const rest = args.slice(1).map((a) => a.text);
        const named = Object.entries(hash).map(([k, v]) => `${k}=${/^-?\d+(\.\d+)?$|^(true|false)$/.test(v) ? v : quote(v)}`);
        return `{{faker ${[quote(key), ...rest, ...named].join(' ')}}}`;
      }
      default:
        return undefined;
    }
  };
  return rewrite;
}
