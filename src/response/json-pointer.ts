/** JSON pointer building, so issues point at the exact value inside an endpoint. */

/** Escapes one reference token (RFC 6901): `~` as `~0`, `/` as `~1`. */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function childPointer(parent: string, key: string | number): string {
  return `${parent}/${pointerToken(key)}`;
}
