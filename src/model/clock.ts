/** Time and randomness are passed into the core so tests and `--seed` control them. */

/** Milliseconds since the epoch. */
export type Clock = () => number;

/** A uniform random number in [0, 1). */
export type Random = () => number;
