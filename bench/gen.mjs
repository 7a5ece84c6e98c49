// Deterministic input generator for the benchmark (plain JS, no dependencies).
//
// English-like news text with curly quotes, « guillemets », numbers, a few emoji and some Persian
// words; paragraphs separated by blank lines. Spans are word-aligned, about 10% nested inside another
// span and a few overlapping one. Offsets are Unicode code points (end exclusive), with the same
// positions in UTF-16 units beside them, as Spanmark's native JSONL wants.

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  return next;
}

const NOUNS = ['government', 'minister', 'council', 'report', 'market', 'economy', 'election', 'court',
  'agency', 'company', 'spokesperson', 'budget', 'inflation', 'policy', 'committee', 'parliament',
  'police', 'hospital', 'school', 'union', 'bank', 'investor', 'region', 'city', 'village', 'study',
  'survey', 'official', 'analyst', 'witness', 'treaty', 'summit', 'border', 'harvest', 'storm'];
const VERBS = ['said', 'announced', 'denied', 'confirmed', 'warned', 'reported', 'claimed', 'rejected',
  'approved', 'estimated', 'promised', 'argued', 'suggested', 'revealed', 'insisted', 'noted'];
const ADJS = ['new', 'former', 'local', 'national', 'senior', 'independent', 'early', 'annual',
  'controversial', 'unexpected', 'sharp', 'modest', 'record', 'regional', 'public', 'private'];
const NAMES = ['Ana Ortiz', 'Dr. Chen', 'Mr. Okafor', 'Ms. Lindqvist', 'Farid Rahimi', 'Claire Dubois',
  'the mayor', 'the prime minister', 'a spokesperson', 'Sara Nouri', 'Jean Martin'];
const PERSIAN = ['تهران', 'خبرگزاری', 'دولت', 'مجلس', 'اقتصاد', 'انتخابات', 'سلام', 'شهر'];
const EMOJI = ['📈', '🌍', '⚠️', '🗳️', '💶', '🔥'];
const FRENCH = ['c’est la vie', 'pas de commentaire', 'nous verrons', 'la situation est grave'];

function number(r) {
  switch (r.int(6)) {
    case 0: return `${r.int(100)}.${r.int(10)}%`;
    case 1: return `$${(1 + r.int(999)).toLocaleString('en-US')},${String(r.int(1000)).padStart(3, '0')}`;
    case 2: return String(1990 + r.int(36));
    case 3: return `${1 + r.int(40)} million`;
    case 4: return `€${r.int(90) + 10}bn`;
    default: return String(r.int(10000));
  }
}

function sentence(r) {
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  switch (r.int(9)) {
    case 0: return `${cap(r.pick(NAMES))} ${r.pick(VERBS)} that the ${r.pick(ADJS)} ${r.pick(NOUNS)} had grown by ${number(r)} since ${1990 + r.int(36)}.`;
    case 1: return `“The ${r.pick(NOUNS)} is ${r.pick(ADJS)}, and we will not ${r.pick(['wait', 'accept', 'ignore', 'repeat'])} it,” ${r.pick(NAMES)} ${r.pick(VERBS)}.`;
    case 2: return `According to the ${r.pick(ADJS)} ${r.pick(NOUNS)}, ${number(r)} people in the ${r.pick(NOUNS)} ${r.pick(VERBS)} the ${r.pick(NOUNS)}.`;
    case 3: return `« ${cap(r.pick(FRENCH))} », ${r.pick(VERBS)} ${r.pick(NAMES)} in a ${r.pick(ADJS)} interview.`;
    case 4: return `Reporters in ${r.pick(PERSIAN)} (${r.pick(PERSIAN)} ${r.pick(PERSIAN)}) ${r.pick(VERBS)} a ${r.pick(ADJS)} ${r.pick(NOUNS)} ${r.pick(EMOJI)}.`;
    case 5: return `The ${r.pick(NOUNS)} ${r.pick(VERBS)} ‘${r.pick(ADJS)} ${r.pick(NOUNS)}’ figures of ${number(r)} and ${number(r)}.`;
    case 6: return `${cap(r.pick(ADJS))} ${r.pick(NOUNS)}s ${r.pick(VERBS)} on ${['Monday', 'Tuesday', 'Friday', 'Sunday'][r.int(4)]} that the ${r.pick(NOUNS)} would cost ${number(r)}.`;
    case 7: return `It was the ${r.pick(ADJS)} ${r.pick(NOUNS)} in ${number(r)} years, ${r.pick(NAMES)} ${r.pick(VERBS)}${r.int(4) === 0 ? ' ' + r.pick(EMOJI) : ''}.`;
    default: return `${cap(r.pick(NOUNS))} and ${r.pick(NOUNS)} ${r.pick(VERBS)} a ${r.pick(ADJS)} plan for the ${r.pick(NOUNS)}.`;
  }
}

/** Text of about `bytes` UTF-8 bytes: paragraphs of 2–7 sentences, separated by blank lines. */
export function makeText(r, bytes) {
  const paras = [];
  let size = 0;
  while (size < bytes) {
    const n = 2 + r.int(6);
    const p = Array.from({ length: n }, () => sentence(r)).join(' ');
    paras.push(p);
    size += Buffer.byteLength(p, 'utf8') + 2;
  }
  return paras.join('\n\n');
}

/**
 * `count` spans over `text`: ~87% top-level phrases spread through the text, ~10% nested inside one
 * of them, ~3% overlapping one (starting inside it, ending after it). Word-aligned, within a paragraph.
 */
export function makeSpans(r, text, count) {
  const cps = Array.from(text);
  // Words (runs of non-space code points) as [start, end) in code points, with their paragraph.
  const words = [];
  let para = 0;
  let i = 0;
  while (i < cps.length) {
    if (cps[i] === '\n') { if (cps[i + 1] === '\n') para++; i++; continue; }
    if (cps[i] === ' ') { i++; continue; }
    const s = i;
    while (i < cps.length && cps[i] !== ' ' && cps[i] !== '\n') i++;
    words.push({ s, e: i, p: para });
  }
  const labels = ['claim', 'quote', 'figure'];
  const nNested = Math.round(count * 0.10);
  const nOverlap = Math.round(count * 0.03);
  const nTop = count - nNested - nOverlap;
  const top = [];
  const slot = words.length / nTop;
  for (let k = 0; k < nTop; k++) {
    const w0 = Math.floor(k * slot);
    const maxLen = Math.max(1, Math.floor(slot) - 1);
    const len = 1 + r.int(Math.min(6, maxLen));
    let w1 = Math.min(words.length - 1, w0 + len - 1);
    while (words[w1].p !== words[w0].p) w1--;
    top.push({ w0, w1 });
  }
  const spans = [];
  for (const t of top) spans.push({ s: words[t.w0].s, e: words[t.w1].e, label: r.pick(labels) });
  const multi = top.filter((t) => t.w1 > t.w0);
  for (let k = 0; k < nNested; k++) {
    const t = multi[r.int(multi.length)];
    const a = t.w0 + r.int(t.w1 - t.w0 + 1);
    let b = a + r.int(t.w1 - a + 1);
    if (a === t.w0 && b === t.w1) b = a; // strictly inside
    spans.push({ s: words[a].s, e: words[b].e, label: r.pick(labels) });
  }
  for (let k = 0; k < nOverlap; k++) {
    const t = multi[r.int(multi.length)];
    const a = t.w0 + 1 + r.int(t.w1 - t.w0);
    let b = Math.min(words.length - 1, t.w1 + 1 + r.int(3));
    while (words[b].p !== words[a].p) b--;
    if (b <= t.w1) { // the phrase ends its paragraph: nest instead
      spans.push({ s: words[a].s, e: words[t.w1].e, label: r.pick(labels) });
    } else {
      spans.push({ s: words[a].s, e: words[b].e, label: r.pick(labels) });
    }
  }
  spans.sort((x, y) => x.s - y.s || y.e - x.e);
  // Code point → UTF-16 offsets.
  const u16 = new Uint32Array(cps.length + 1);
  for (let k = 0; k < cps.length; k++) u16[k + 1] = u16[k] + cps[k].length;
  return spans.map((sp, k) => ({
    id: k + 1, start: sp.s, end: sp.e, start_utf16: u16[sp.s], end_utf16: u16[sp.e],
    label: sp.label, text: cps.slice(sp.s, sp.e).join(''), note: '',
  }));
}

/** One Spanmark native JSONL line. */
export function jsonlLine(id, title, text, spans) {
  return JSON.stringify({
    schema: 'spanmark/1', offset_unit: 'codepoint', id, title, source: null, added_at: 0,
    line_endings_normalised: false, text, spans, relations: [],
  });
}

/** The benchmark's inputs, all from one seed. */
export function generate(seed = 20250105) {
  const r = rng(seed);
  const articles = [
    { key: '10k', bytes: 10_000, spans: 100 },
    { key: '100k', bytes: 100_000, spans: 1_000 },
    { key: '1m', bytes: 1_000_000, spans: 10_000 },
  ].map((a) => {
    const text = makeText(r, a.bytes);
    const spans = makeSpans(r, text, a.spans);
    return { ...a, id: `bench-${a.key}`, title: `Bench article ${a.key} (${a.spans} spans)`, text, spans };
  });
  const tinyText = makeText(r, 600);
  const tiny = { key: 'tiny', id: 'bench-tiny', title: 'Bench tiny', text: tinyText, spans: makeSpans(r, tinyText, 3) };
  const ws = [];
  for (let d = 0; d < 1000; d++) {
    const text = makeText(r, 3_000);
    ws.push({ id: `ws-${String(d).padStart(4, '0')}`, title: `Workspace doc ${d}`, text, spans: makeSpans(r, text, 50) });
  }
  return { articles, tiny, ws };
}

export function toJsonl(docs) {
  return docs.map((d) => jsonlLine(d.id, d.title, d.text, d.spans)).join('\n') + '\n';
}
