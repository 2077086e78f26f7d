/** The traffic-shaping behaviours, each a factory compiled once per config load. */
export { createRandom, deriveSeed, randomSeed } from './random';
export { compileLatency, gaussian, MAX_DELAY_MS, type LatencySampler, type LatencyResult } from './latency';
export {
  compileFailurePicker,
  FAILURE_KINDS,
  DEFAULT_FAILURE_STATUS,
  DEFAULT_SLOW_BODY_MS,
  type PickedFailure,
  type FailurePickerResult,
} from './failure-picker';
export { compileFailureSchedule, type FailureSchedule, type FailureScheduleDef, type FailureScheduleResult } from './failure-schedule';
export { createSequence, checkSequence, type SequenceCursor, type SequenceMode } from './sequence';
export {
  compileRateLimiter,
  MAX_KEYS_PER_WINDOW,
  type RateLimitDecision,
  type RateLimiter,
  type RateLimiterResult,
} from './rate-limit';
export {
  compileRequestValidator,
  DEFAULT_VALIDATION_STATUS,
  type RequestValidator,
  type RequestValidatorResult,
  type ValidationError,
} from './validate-request';
