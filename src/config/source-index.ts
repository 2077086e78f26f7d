/**
 * Where values sit in one config file, from the `yaml` parser's node ranges. The parse is
 * slow next to the fast value parse, so it runs only when a position is asked for (an error,
 * `locate`) and is held weakly: a burst of lookups shares one parse, idle memory is returned.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { Segment } from '../util/json-pointer';

export interface Position {
  line: number;
  col: number;
}

/** How far a pointer reached into the file (`depth` segments) and where that value sits. */
export interface Found {
  position: Position;
  depth: number;
}

interface Parsed {
  doc: Document.Parsed;
  lines: LineCounter;
}

function startOf(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : undefined;
}

export class SourceIndex {
  private cache?: WeakRef<Parsed>;

  constructor(private readonly text: string) {}

  private parsed(): Parsed {
    const cached = this.cache?.deref();
    if (cached) return cached;
    const lines = new LineCounter();
    const doc = parseDocument(this.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
    const parsed = { doc, lines };
    this.cache = new WeakRef(parsed);
    return parsed;
  }

  /** Follows `segments` from the top of the file as far as they go; map entries are found at their key. */
  find(segments: readonly Segment[]): Found {
    const { doc, lines } = this.parsed();
    let node: unknown = doc.contents;
    let offset = startOf(node) ?? 0;
    let depth = 0;
    for (const segment of segments) {
      if (isAlias(node)) node = node.resolve(doc);
      let next: unknown;
      let at: number | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        next = pair.value;
        at = startOf(pair.key);
      } else if (isSeq(node)) {
        const index = Number(segment);
        if (!Number.isInteger(index) || index < 0 || index >= node.items.length) break;
        next = node.items[index];
        at = startOf(next);
      } else break;
      if (at === undefined) break;
      offset = at;
      node = next;
      depth++;
    }
    return { position: lines.linePos(offset), depth };
  }
}
