/**
 * A JSON response body. Without templates it is serialised once; with templates it is split at
 * compile time into fixed JSON text and the templated strings, so a request only renders those
 * strings and joins text (no walk of the value, no JSON.stringify of the whole).
 */
import { childPointer } from '../util/json-pointer';
import type { Template } from './compile-template';
import type { RenderEnv, TemplateContext } from '../model/answer';
import { toJsonText } from './to-text';

type Slot = (ctx: TemplateContext, env: RenderEnv) => string;

export interface JsonBodySink {
  template(pointer: string, text: string): Template | undefined;
  schemaIssue(pointer: string, message: string): void;
}

export type CompiledBody = { fixed: Buffer } | { render: (ctx: TemplateContext, env: RenderEnv) => Buffer };

class Builder {
  readonly texts: string[] = [''];
  readonly slots: Slot[] = [];

  text(s: string): void {
    this.texts[this.texts.length - 1] += s;
  }

  slot(slot: Slot): void {
    this.slots.push(slot);
    this.texts.push('');
  }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** Values JSON.stringify leaves out of objects (and writes as null in arrays). */
function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function stringSlot(template: Template): Slot {
  const { value } = template;
  if (value) return (ctx, env) => toJsonText(value(ctx, env));
  return (ctx, env) => JSON.stringify(template.render(ctx, env));
}

function walk(value: unknown, pointer: string, out: Builder, sink: JsonBodySink): void {
  if (typeof value === 'string') {
    const template = value.includes('{{') ? sink.template(pointer, value) : undefined;
    if (template && template.text === undefined) out.slot(stringSlot(template));
    else out.text(JSON.stringify(template?.text ?? value));
  } else if (Array.isArray(value)) {
    out.text('[');
    value.forEach((item, i) => {
      if (i > 0) out.text(',');
      if (isSkipped(item)) out.text('null');
      else walk(item, childPointer(pointer, i), out, sink);
    });
    out.text(']');
  } else if (typeof value === 'object' && value !== null && isPlainObject(value)) {
    out.text('{');
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      if (isSkipped(item)) continue;
      out.text(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      walk(item, childPointer(pointer, key), out, sink);
    }
    out.text('}');
  } else {
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch {
      text = undefined;
    }
    if (text === undefined) sink.schemaIssue(pointer, `response holds a value JSON cannot represent (${typeof value})`);
    out.text(text ?? 'null');
  }
}

/** Compiles `value`; `templating` false means strings are sent exactly as written. */
export function compileJsonBody(value: unknown, templating: boolean, pointer: string, sink: JsonBodySink): CompiledBody {
  const out = new Builder();
  walk(value, pointer, out, templating ? sink : { template: () => undefined, schemaIssue: sink.schemaIssue });
  const { texts, slots } = out;
  if (slots.length === 0) return { fixed: Buffer.from(texts[0], 'utf8') };
  const head = texts[0];
  return {
    render: (ctx, env) => {
      let json = head;
      for (let i = 0; i < slots.length; i++) json += slots[i](ctx, env) + texts[i + 1];
      return Buffer.from(json, 'utf8');
    },
  };
}
