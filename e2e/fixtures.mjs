// Synthetic test articles (invented; no real outlet, person or event).

/** Emoji, ZWJ sequence and Persian text come before the spans the tests make. */
export const ARTICLE = [
  'Weather desk 🌧️👩‍👩‍👧 — گزارش هواشناسی: باران',
  '',
  '“The river rose 3.2 metres overnight,” said Mayor Ana Ruiz. She called it “a warning”.',
  '',
  'Officials said at least 646 homes were evacuated, « une crise » for the valley.',
].join('\r\n');

/** The same text with line endings normalised as the app does at paste. */
export const NORMALISED = ARTICLE.replace(/\r\n/g, '\n');

/** Code-point offsets of a substring (first occurrence). */
export function offsetsOf(text, needle) {
  const cps = Array.from(text);
  const n = Array.from(needle);
  for (let i = 0; i + n.length <= cps.length; i++) {
    if (n.every((c, k) => cps[i + k] === c)) return [i, i + n.length];
  }
  throw new Error(`${needle} not in text`);
}
