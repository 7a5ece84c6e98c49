// Small statistics helpers: every figure is reported as median / min / max (and n).

export function percentile(xs, p) {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return null;
  const i = (s.length - 1) * p;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}

/** { median, min, max, n } of repeated runs. */
export function summary(xs) {
  const s = xs.filter(Number.isFinite);
  if (!s.length) return null;
  return { median: percentile(s, 0.5), min: Math.min(...s), max: Math.max(...s), n: s.length };
}

/** { p50, p95, min, max, n } of many samples (edits, frames). */
export function dist(xs) {
  const s = xs.filter(Number.isFinite);
  if (!s.length) return null;
  return { p50: percentile(s, 0.5), p95: percentile(s, 0.95), min: Math.min(...s), max: Math.max(...s), n: s.length };
}

export const round = (x, d = 1) => (x == null || !Number.isFinite(x) ? x : Math.round(x * 10 ** d) / 10 ** d);
