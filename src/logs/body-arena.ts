/**
 * Where the request log keeps body text: one byte buffer used as a FIFO ring, because log entries leave in
 * the order they came. A body stored here is not a JS string that lives long enough to be promoted to V8's
 * old generation and collected there later, which is what made memory climb under a stream of large
 * bodies. The buffer grows to what the retained bodies need and is reused from then on.
 */

export interface BodyRef {
  offset: number;
  length: number;
}

const INITIAL_BYTES = 64 * 1024;

export class BodyArena {
  private buf: Buffer;
  /** Where the next body goes. */
  private head = 0;
  /** Start of the oldest body still held. */
  private tail = 0;
  /** Bodies held; with none, the whole buffer is free. */
  private held = 0;

  constructor(initialBytes = INITIAL_BYTES) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  get capacity(): number {
    return this.buf.length;
  }

  /** Stores `text` as UTF-8; `bytes` is its byte length. `live` lists the refs held, oldest first, for a move. */
  store(text: string, bytes: number, live: () => Iterable<BodyRef>): BodyRef {
    if (this.held === 0) this.head = this.tail = 0;
    let offset = this.place(bytes);
    if (offset < 0) {
      this.grow(bytes, live);
      offset = this.place(bytes);
    }
    this.buf.write(text, offset, bytes, 'utf8');
    this.head = offset + bytes;
    this.held++;
    return { offset, length: bytes };
  }

  read(ref: BodyRef): string {
    return this.buf.toString('utf8', ref.offset, ref.offset + ref.length);
  }

  /** The oldest body leaves (FIFO): its bytes are free again. */
  release(ref: BodyRef): void {
    this.held--;
    this.tail = ref.offset + ref.length;
  }

  clear(): void {
    this.held = 0;
    this.head = this.tail = 0;
  }

  /** An offset with `bytes` free, or -1. Free space is [head, end) and [0, tail) when unwrapped, [head, tail) when wrapped. */
  private place(bytes: number): number {
    if (this.held === 0) return bytes <= this.buf.length ? 0 : -1;
    if (this.head >= this.tail) {
      if (this.head + bytes <= this.buf.length) return this.head;
      // wrap: the rest of the buffer is skipped until the tail passes it
      return bytes < this.tail ? 0 : -1;
    }
    return this.head + bytes < this.tail ? this.head : -1;
  }

  /** A bigger buffer with the held bodies copied to its start, oldest first; their refs are updated. */
  private grow(bytes: number, live: () => Iterable<BodyRef>): void {
    let used = 0;
    for (const ref of live()) used += ref.length;
    let size = this.buf.length * 2;
    while (size < used + bytes + 1) size *= 2;
    const next = Buffer.allocUnsafe(size);
    let at = 0;
    for (const ref of live()) {
      this.buf.copy(next, at, ref.offset, ref.offset + ref.length);
      ref.offset = at;
      at += ref.length;
    }
    this.buf = next;
    this.tail = 0;
    this.head = at;
  }
}
