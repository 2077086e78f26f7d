/** A WebSocket connection's frames as HAR's `_webSocketMessages`, from its live message log or the list another replica's log holds. */
import { type HarWebSocketMessage, type LoggedMessage, MessageLog } from './message-log';

export function harFrames(messages: unknown): HarWebSocketMessage[] | null {
  if (messages instanceof MessageLog) return messages.har();
  if (!Array.isArray(messages)) return null;
  return (messages as LoggedMessage[]).map((m) => ({ type: m.dir === 'in' ? 'send' : 'receive', time: Date.parse(m.time) / 1000, opcode: m.encoding === 'base64' ? 2 : 1, data: m.data }));
}
