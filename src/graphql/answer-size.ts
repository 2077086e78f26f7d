/**
 * How many values an auto-mocked answer would hold, worked out from the query and the schema before
 * anything runs: every list multiplies what is under it by list_length, so a few nested lists can ask
 * for millions of objects. Counting stops as soon as the limit is passed.
 */
import {
  type DocumentNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLOutputType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, Kind, getNamedType, getNullableType, isCompositeType, isInterfaceType, isListType, isObjectType,
} from 'graphql';

export function answerSize(schema: GraphQLSchema, document: DocumentNode, listLength: number, limit: number): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  let largest = 0;
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = rootType(schema, def);
    if (!root) continue;
    const walker = new Walker(schema, fragments, listLength, limit);
    walker.walk(def.selectionSet, root, 1, new Set());
    largest = Math.max(largest, walker.total);
  }
  return largest;
}

function rootType(schema: GraphQLSchema, op: OperationDefinitionNode): GraphQLCompositeType | null | undefined {
  return op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
}

class Walker {
  total = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly listLength: number,
    private readonly limit: number,
  ) {}

  walk(set: SelectionSetNode, parent: GraphQLCompositeType, times: number, visiting: Set<string>): void {
    for (const sel of set.selections) {
      if (this.total > this.limit) return;
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        this.total += times;
        if (name.startsWith('__') || !sel.selectionSet) continue;
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        if (!field) continue;
        const named = getNamedType(field.type);
        if (isCompositeType(named)) this.walk(sel.selectionSet, named, times * this.factor(field.type), visiting);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? this.schema.getType(sel.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) this.walk(sel.selectionSet, type, times, visiting);
      } else {
        const fragment = this.fragments.get(sel.name.value);
        if (!fragment || visiting.has(fragment.name.value)) continue;
        const type = this.schema.getType(fragment.typeCondition.name.value);
        if (!type || !isCompositeType(type)) continue;
        visiting.add(fragment.name.value);
        this.walk(fragment.selectionSet, type, times, visiting);
        visiting.delete(fragment.name.value);
      }
    }
  }

  /** list_length for each list around the type ([[User]] is list_length²). */
  private factor(type: GraphQLOutputType): number {
    let n = 1;
    let t: GraphQLOutputType = getNullableType(type);
    while (isListType(t)) {
      n *= this.listLength;
      t = getNullableType(t.ofType);
    }
    return n;
  }
}
