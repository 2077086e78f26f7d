/** The little a script needs of a live connection; the WebSocket adapter (or a test) provides it. */

export interface ConnectionPort {
  /** A text frame (`binary` false) or a binary one. */
  send(data: string | Buffer, binary: boolean): void;
  /** A close frame with this code and reason. */
  close(code: number, reason: string): void;
  /** Ends the connection at once, without a close frame (the client sees 1006). */
  terminate(): void;
}
