/** Server-Sent Events read from a fetch body: text chunks in, each complete event out (its name and data; comments skipped). */
export interface SseEvent {
  /** The event's name; `message` for an unnamed one. */
  event: string;
  data: string;
}

export class SseEvents {
  private buffer = '';

  /** Adds a chunk of the stream; returns every event it completed. */
  push(chunk: string): SseEvent[] {
    const text = this.buffer + (chunk.includes('\r') ? chunk.replace(/\r\n?/g, '\n') : chunk);
    const out: SseEvent[] = [];
    // one pass over the text, cut once at the end: a large chunk holds thousands of events
    let start = 0;
    let end: number;
    while ((end = text.indexOf('\n\n', start)) !== -1) {
      const block = text.slice(start, end);
      start = end + 2;
      if (block.startsWith('data:') && !block.includes('\n')) {
        out.push({ event: 'message', data: block.slice(block.startsWith('data: ') ? 6 : 5) });
        continue;
      }
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        else if (line.startsWith('event:')) event = line.slice(6).trim();
      }
      if (data.length > 0) out.push({ event, data: data.join('\n') });
    }
    this.buffer = text.slice(start);
    return out;
  }
}
