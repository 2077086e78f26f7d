/** Writes one Server-Sent Event in the wire format: `event:`, `id:`, `retry:`, then one `data:` line per line of data. */

export interface EventFields {
  event?: string;
  id?: string;
  /** Milliseconds the client should wait before reconnecting. */
  retry?: number;
  data: string;
}

/** Line breaks end a field, so a name or id must not carry one. */
const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ');

export function formatEvent(fields: EventFields): string {
  let out = '';
  if (fields.event !== undefined && fields.event !== '') out += `event: ${oneLine(fields.event)}\n`;
  if (fields.id !== undefined) out += `id: ${oneLine(fields.id)}\n`;
  if (fields.retry !== undefined) out += `retry: ${fields.retry}\n`;
  for (const line of fields.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** The `data` of a pushed or configured event: strings as they are, anything else as compact JSON. */
export function dataText(data: unknown): string {
  return typeof data === 'string' ? data : JSON.stringify(data) ?? 'null';
}
