/** Renders endpoints as a readable mockdock YAML file: a header comment, then blocks of endpoints, each with its own comment. */
import YAML from 'yaml';
import type { EndpointDefinition } from '../model/endpoint';

export interface RenderBlock {
  /** Comment lines above the operation's first endpoint. */
  comment: string[];
  endpoints: EndpointDefinition[];
}

function commentText(lines: string[]): string {
  return lines.map((l) => ` ${l.replace(/[\r\n]+/g, ' ')}`.replace(/\s+$/, '')).join('\n');
}

/** Same blocks in, same bytes out: key order is fixed by the builder and nothing depends on time. */
export function renderConfig(header: string[], blocks: RenderBlock[]): string {
  const items = blocks.flatMap((b) => b.endpoints);
  const doc = new YAML.Document({ endpoints: items }, { aliasDuplicateObjects: false });
  doc.commentBefore = commentText(header);
  const seq = doc.get('endpoints', true) as YAML.YAMLSeq;
  let index = 0;
  for (const [i, block] of blocks.entries()) {
    const node = seq.items[index] as YAML.Node | undefined;
    if (node && block.comment.length > 0) node.commentBefore = commentText(block.comment);
    if (node && i > 0) node.spaceBefore = true;
    index += block.endpoints.length;
  }
  return doc.toString({ lineWidth: 0 });
}
