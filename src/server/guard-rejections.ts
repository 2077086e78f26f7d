/**
 * With plugins loaded, a promise rejected that nobody handles (a plugin's forgotten promise) is logged instead
 * of ending the process: mockdock keeps serving. Returns the function that takes the guard off again.
 */
import type { Logger } from './logger';

export function guardRejections(logger: Logger): () => void {
  const onRejection = (reason: unknown) => {
    const message = reason instanceof Error ? reason.message : String(reason);
    logger.error({ err: reason instanceof Error ? reason : undefined }, `unhandled promise rejection (a plugin?), kept serving: ${message}`);
  };
  process.on('unhandledRejection', onRejection);
  return () => process.off('unhandledRejection', onRejection);
}
