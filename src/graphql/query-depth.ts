/** How deeply an operation nests its fields (fragments followed), to refuse abusive queries before running them. */
import { type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, Kind } from 'graphql';

/** Fields under `__schema` and `__type` do not count: introspection is bounded by the schema itself. */
const INTROSPECTION = new Set(['__schema', '__type']);

/** The depth of the deepest operation in a validated document (fragment cycles are already refused). */
export function documentDepth(document: DocumentNode): { depth: number; operation: OperationDefinitionNode | undefined } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  let deepest = 0;
  let which: OperationDefinitionNode | undefined;
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const depth = selectionDepth(def.selectionSet, fragments, new Set());
    if (depth > deepest || which === undefined) {
      deepest = Math.max(deepest, depth);
      which = def;
    }
  }
  return { depth: deepest, operation: which };
}

function selectionDepth(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, visiting: Set<string>): number {
  let max = 0;
  for (const sel of set.selections) {
    let depth = 0;
    if (sel.kind === Kind.FIELD) {
      if (INTROSPECTION.has(sel.name.value)) depth = 1;
      else depth = 1 + (sel.selectionSet ? selectionDepth(sel.selectionSet, fragments, visiting) : 0);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      depth = selectionDepth(sel.selectionSet, fragments, visiting);
    } else {
      const fragment = fragments.get(sel.name.value);
      if (fragment && !visiting.has(fragment.name.value)) {
        visiting.add(fragment.name.value);
        depth = selectionDepth(fragment.selectionSet, fragments, visiting);
        visiting.delete(fragment.name.value);
      }
    }
    if (depth > max) max = depth;
  }
  return max;
}
