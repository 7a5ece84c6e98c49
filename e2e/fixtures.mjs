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

// Three outlets' articles about one invented event (a shared quote re-cased and cut short, figures
// that differ) and one unrelated article: the Stories view's tests and screenshots.
const WIRE = `KESTREL BAY, 14 March 2026 (Wire Desk) — Officials in the Kestrel Bay province put the death toll from the collapse of the Orlan Dam at around 1,500 people on Saturday, as rescue teams searched flooded villages along the Sable River.

Governor Mirela Tovanic said the reservoir had been "far above its safe level for weeks" before the wall gave way. "We warned the ministry three times and nobody came to inspect the Orlan Dam," Tovanic wrote in a post on Friday night.

Rescue crews from neighbouring provinces reached Dunmere and Halvik by boat. The provincial relief agency said 40,000 people had been moved to shelters.`;

const DAILY = `Orlan Dam disaster: rights group says at least 480 dead in Sable River villages

By Petra Lindqvist, The Halvik Daily — 14 March 2026

The Kestrel Bay Rights Monitor estimates that at least 480 people were killed when the Orlan Dam burst, a figure far below the provincial government's count. Volunteers in Dunmere described whole streets of the Sable River valley under water.

In a post shared thousands of times, Governor Mirela Tovanic wrote: “WE WARNED THE MINISTRY THREE TIMES AND NOBODY CAME TO INSPECT THE ORLAN DAM.” The Monitor said the province must publish the names of the dead.`;

const BLOG = `Live: Orlan Dam collapse in Kestrel Bay

Updated 14 March 2026. The collapse of the Orlan Dam has flooded Dunmere, Halvik and a dozen smaller villages on the Sable River. Governor Tovanic's post — "we warned the ministry three times" — is being widely shared in Kestrel Bay. The provincial relief agency says about 38,000 people are in shelters, and rescuers fear the death toll of the dam collapse will rise.`;

const OTHER = `Harbour council approves new ferry timetable

The Lindmark harbour council voted on Tuesday to add two evening ferries to the island route from June. Council member Jonas Ebbe said the change would cost 120,000 crowns a year. "Islanders have asked for this for a decade," Ebbe said. The river ferry service will also get a new ticket office.`;

/** Title → text of the four articles, in paste order. */
export const STORY_ARTICLES = { 'Wire Desk': WIRE, 'The Halvik Daily': DAILY, 'Live blog': BLOG, 'Harbour council': OTHER };
