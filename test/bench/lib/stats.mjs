// Small numeric helpers for summarising repeated runs.
export function median(values) {
  const xs = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

export function ratio(a, b) {
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : null;
}
