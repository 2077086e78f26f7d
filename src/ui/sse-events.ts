/** Server-Sent Events read from a fetch body: text chunks in, the data of each complete event out (comments skipped). */
export class SseEvents {
  private buffer = '';

  /** Adds a chunk of the stream; returns the data of every event it completed. */
  push(chunk: string): string[] {
    const text = this.buffer + (chunk.includes('\r') ? chunk.replace(/\r\n?/g, '\n') : chunk);
    const out: string[] = [];
    // one pass over the text, cut once at the end: a large chunk holds thousands of events
    let start = 0;
    let end: number;
    while ((end = text.indexOf('\n\n', start)) !== -1) {
      const block = text.slice(start, end);
      start = end + 2;
      if (block.startsWith('data:') && !block.includes('\n')) {
        out.push(block.slice(block.startsWith('data: ') ? 6 : 5));
        continue;
      }
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).replace(/^ /, ''));
      if (data.length > 0) out.push(data.join('\n'));
    }
    this.buffer = text.slice(start);
    return out;
  }
}
