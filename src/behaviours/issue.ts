/** Config issues for behaviour options, placed at the offending key; plus the number checks they share. */
import type { Locate } from '../model/endpoint';
import type { ConfigIssue } from '../errors/config-issue';
import { ErrorCodes } from '../errors/codes';
import { labelOf, parsePointer } from '../util/json-pointer';

/**
 * An issue about the value at `pointer` (relative to the endpoint), its message starting with
 * the key as a user writes it. A key that is absent is placed at its parent by `locate`.
 */
export function issueAt(
  locate: Locate,
  pointer: string,
  rule: string,
  code: string = ErrorCodes.CONFIG_BEHAVIOUR,
): ConfigIssue {
  const { file, line, col } = locate(pointer);
  return { file, line, col, message: `${keyName(pointer)} ${rule}`, code };
}

/** `/sequence/1/latency_ms` → `sequence[1].latency_ms`, the spelling used in messages. */
export function keyName(pointer: string): string {
  return labelOf(parsePointer(pointer)) || 'endpoint';
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isNonNegative(value: unknown): value is number {
  return isFiniteNumber(value) && value >= 0;
}

export function isPositiveInteger(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1;
}

export function isHttpStatus(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 100 && (value as number) <= 599;
}

/** A value as it appears in a message: strings quoted, the rest as JSON. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
