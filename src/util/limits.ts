/** Bounds that keep memory flat however long mockdock runs. */

/** Distinct client keys one rate-limit window remembers; past this the oldest is forgotten. */
export const MAX_KEYS_PER_WINDOW = 10_000;
