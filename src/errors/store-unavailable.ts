/** Thrown (rejected) by a state store that cannot be reached: endpoints that need state answer 503, the rest keep serving. */
import { ErrorCodes } from './codes';

export class StoreUnavailableError extends Error {
  readonly code = ErrorCodes.STORE_UNAVAILABLE;

  constructor(cause?: unknown) {
    super(`state store unavailable${cause instanceof Error ? `: ${cause.message}` : ''}`);
  }
}

export function isStoreUnavailable(err: unknown): err is StoreUnavailableError {
  return err instanceof Error && (err as { code?: unknown }).code === ErrorCodes.STORE_UNAVAILABLE;
}
