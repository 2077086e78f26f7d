/** A ConnectionPort that records what a script did to the connection. */
import type { ConnectionPort } from '../../src/websocket/connection-port';

export type PortEvent = { send: string } | { binary: string } | { close: [number, string] } | { terminate: true };

export class RecordingPort implements ConnectionPort {
  readonly events: PortEvent[] = [];

  send(data: string | Buffer, binary: boolean): void {
    if (binary) this.events.push({ binary: Buffer.from(data).toString('base64') });
    else this.events.push({ send: data.toString() });
  }

  close(code: number, reason: string): void {
    this.events.push({ close: [code, reason] });
  }

  terminate(): void {
    this.events.push({ terminate: true });
  }

  /** The text messages sent, parsed as JSON where they are JSON. */
  get sent(): unknown[] {
    return this.events.flatMap((e) => ('send' in e ? [parse(e.send)] : []));
  }

  clear(): void {
    this.events.length = 0;
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
