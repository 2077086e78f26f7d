/** Compiles an `on_message` rule's `match` into a predicate over the received message. */
import { ErrorCodes } from '../errors/codes';
import { keyName } from '../behaviours/issue';
import { bodyContains } from '../matching/body-match';
import type { ReceivedMessage } from '../streams/stream-context';
import type { IssueSink } from '../streams/compile-text';
import type { MessageMatchSpec } from './websocket-spec';

export type MessagePredicate = (message: ReceivedMessage) => boolean;

const KEYS = ['json', 'text', 'regex'];

/** Every condition given must hold; null when the spec cannot be compiled (issues are in the sink). */
export function compileMessageMatch(spec: MessageMatchSpec, pointer: string, sink: IssueSink): MessagePredicate | null {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    sink.add(pointer, `${keyName(pointer)} must be an object with json, text or regex`);
    return null;
  }
  const given = Object.keys(spec);
  const unknown = given.filter((k) => !KEYS.includes(k));
  if (unknown.length > 0 || given.length === 0) {
    sink.add(pointer, `${keyName(pointer)} takes json, text or regex${unknown.length > 0 ? ` (not ${unknown.join(', ')})` : ''}`);
    return null;
  }
  const checks: MessagePredicate[] = [];
  if (spec.text !== undefined) {
    if (typeof spec.text !== 'string') {
      sink.add(`${pointer}/text`, `${keyName(pointer)}.text must be a string`);
      return null;
    }
    const text = spec.text;
    checks.push((m) => m.valueOf() === text);
  }
  if (spec.regex !== undefined) {
    let re: RegExp;
    try {
      if (typeof spec.regex !== 'string') throw new Error('it must be a string');
      re = new RegExp(spec.regex);
    } catch (err) {
      sink.add(`${pointer}/regex`, `${keyName(pointer)}.regex is not a valid regular expression: ${(err as Error).message}`, ErrorCodes.CONFIG_REGEX);
      return null;
    }
    checks.push((m) => re.test(m.valueOf()));
  }
  if (spec.json !== undefined) {
    const pattern = spec.json;
    checks.push((m) => m.json !== undefined && bodyContains(m.json, pattern));
  }
  if (checks.length === 1) return checks[0];
  return (m) => checks.every((check) => check(m));
}
