/**
 * mockdock ranks endpoints by priority, then file order, not by how literal a path is; OpenAPI
 * says '/users/me' wins over '/users/{id}'. This finds the endpoints that need a higher priority.
 */

type Shape = Array<string | null>;

function shape(path: string): Shape {
  return path.split('/').filter(Boolean).map((s) => (s.startsWith(':') ? null : s));
}

/** 1 when a is more literal than b at the first place they differ, -1 the other way, 0 when they never overlap or are alike. */
function compare(a: Shape, b: Shape): number {
  if (a.length !== b.length) return 0;
  let first = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== null && y !== null) {
      if (x !== y) return 0;
    } else if (first === 0 && (x === null) !== (y === null)) {
      first = x !== null ? 1 : -1;
    }
  }
  return first;
}

/**
 * A level per route (0 for most): every route ranks above each overlapping, less literal route of
 * the same method, whatever the order of files and endpoints.
 */
export function specificityLevels(routes: Array<{ method: string; path: string }>): number[] {
  const shapes = routes.map((r) => shape(r.path));
  const groups = new Map<string, number[]>();
  routes.forEach((r, i) => {
    const key = `${r.method} ${shapes[i].length}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  const above: Array<[number, number]> = [];
  for (const list of groups.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const c = compare(shapes[list[i]], shapes[list[j]]);
        if (c > 0) above.push([list[i], list[j]]);
        else if (c < 0) above.push([list[j], list[i]]);
      }
    }
  }
  const levels = routes.map(() => 0);
  // "more literal than" is acyclic, so raising levels until nothing changes terminates
  for (let changed = above.length > 0; changed; ) {
    changed = false;
    for (const [hi, lo] of above) {
      if (levels[hi] <= levels[lo]) {
        levels[hi] = levels[lo] + 1;
        changed = true;
      }
    }
  }
  return levels;
}
