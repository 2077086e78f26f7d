/** What templates of WebSocket messages and SSE events can read: the request, its JWT claims, and the message received. */
import type { TemplateContext } from '../model/answer';
import { REQUEST_ROOTS } from '../response/template-helpers';

export interface StreamContext extends TemplateContext {
  /** Verified JWT claims, when the endpoint checks a token. */
  jwt?: Record<string, unknown>;
  /** The message received: prints as its text, `message.json` holds it parsed (undefined when it is not JSON). */
  message?: ReceivedMessage;
}

/** A boxed string: renders as the message text, with the parsed JSON as an own property. */
export type ReceivedMessage = String & { json: unknown };

/** Names templates may read when there is a connection but no message (on_connect, every, events). */
export const CONNECTION_ROOTS: ReadonlySet<string> = new Set([...REQUEST_ROOTS, 'jwt']);

/** Names templates may read while answering a message (on_message). */
export const MESSAGE_ROOTS: ReadonlySet<string> = new Set([...CONNECTION_ROOTS, 'message']);

/** The message's JSON is parsed the first time a rule or template reads `message.json`, not before. */
export function receivedMessage(text: string): ReceivedMessage {
  const boxed = new String(text) as ReceivedMessage;
  let parsed = false;
  let json: unknown;
  Object.defineProperty(boxed, 'json', {
    enumerable: true,
    get() {
      if (!parsed) {
        parsed = true;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      return json;
    },
  });
  return boxed;
}

/** The context for one message: the connection's context plus the message. */
export function withMessage(ctx: StreamContext, message: ReceivedMessage): StreamContext {
  return { ...ctx, message };
}
