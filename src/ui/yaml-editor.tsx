/** CodeMirror 6 as the YAML editor: lint diagnostics from the server's check (POST /__endpoints/validate), completion from its schema. */
import { useEffect, useRef } from 'preact/hooks';
import { basicSetup, EditorView } from 'codemirror';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { json } from './api';
import { cursorPlace, keysAt, valuesAt, type SchemaNode } from './schema-complete';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';

export interface Problem {
  line: number;
  column: number;
  message: string;
}

/** A line and column (1-based, as the server counts) → a position in the document, kept inside it. */
export function positionOf(doc: Text, line: number, column: number): number {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(l.from + Math.max(column - 1, 0), l.to);
}

function diagnostics(doc: Text, problems: readonly Problem[]): Diagnostic[] {
  return problems.map((p) => {
    const from = positionOf(doc, p.line, p.column);
    const to = Math.max(from, doc.lineAt(from).to);
    return { from, to, severity: 'error', message: p.message };
  });
}

/** The config's JSON Schema, fetched once per page (GET /__schema). */
let schema: Promise<SchemaNode | null> | null = null;

/** Completes keys and fixed values from the schema, with each key's description. */
async function complete(ctx: CompletionContext): Promise<CompletionResult | null> {
  schema ??= json<SchemaNode>('/__schema').catch(() => null);
  const root = await schema;
  if (root === null) return null;
  const line = ctx.state.doc.lineAt(ctx.pos);
  const lines = ctx.state.doc.toString().split('\n');
  const place = cursorPlace(lines, line.number - 1, ctx.pos - line.from);
  if (place === null) return null;
  const word = ctx.matchBefore(/[\w$-]*/);
  if (word === null || (word.from === word.to && !ctx.explicit)) return null;
  if (place.key === null) {
    const options = keysAt(root, place.path).map((o) => ({ label: o.label, info: o.info, type: 'property', apply: `${o.label}: ` }));
    return { from: word.from, options, validFor: /^[\w$-]*$/ };
  }
  const options = valuesAt(root, [...place.path, place.key]).map((o) => ({ label: o.label, type: 'enum' }));
  return options.length === 0 ? null : { from: word.from, options, validFor: /^[\w-]*$/ };
}

interface Props {
  value: string;
  label: string;
  onChange(text: string): void;
  /** Checks the text; its answer becomes the editor's diagnostics. */
  check(text: string): Promise<Problem[]>;
}

export function YamlEditor({ value, label, onChange, check }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, check });
  latest.current = { onChange, check };

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      doc: value,
      extensions: [
        basicSetup,
        yaml(),
        yamlLanguage.data.of({ autocomplete: complete }),
        lintGutter(),
        linter(async (ed) => diagnostics(ed.state.doc, await latest.current.check(ed.state.doc.toString())), { delay: 300 }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) latest.current.onChange(u.state.doc.toString());
        }),
        EditorView.contentAttributes.of({ 'aria-label': label }),
      ],
    });
    view.current = v;
    return () => v.destroy();
  }, []);

  // a new text from outside (another endpoint loaded) replaces the document
  useEffect(() => {
    const v = view.current;
    if (v !== null && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  return <div class="editor" ref={host} />;
}
