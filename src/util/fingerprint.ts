/** A short stable text for a config value, so state made by one definition is found again after a reload that left it unchanged. */

/** FNV-1a over the value's JSON (key order as written). */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
