// Shared by the reference pages (floor and peer): load an article, lay it out in <p> elements,
// map UTF-16 offsets to DOM positions, wait for paint. Plain script, no bundling.
window.bench = (() => {
  const frame = () => new Promise((ok) => requestAnimationFrame(ok));
  const twoFrames = async () => { await frame(); return frame(); };
  let data = null;
  let paraStarts = [];
  let textNodes = [];

  async function load(key) {
    const res = await fetch(`/__bench/out/${key}.json`);
    data = await res.json();
    return { chars: data.text.length, spans: data.spans.length };
  }

  /** One <p> per paragraph; the blank-line separator stays in the text so offsets are 1:1. */
  function layout(container) {
    const parts = data.text.split('\n\n');
    const frag = document.createDocumentFragment();
    paraStarts = []; textNodes = [];
    let at = 0;
    parts.forEach((p, i) => {
      const el = document.createElement('p');
      const t = document.createTextNode(i < parts.length - 1 ? p + '\n\n' : p);
      el.appendChild(t);
      frag.appendChild(el);
      paraStarts.push(at); textNodes.push(t);
      at += t.data.length;
    });
    container.appendChild(frag);
  }

  function nodeAt(u16) {
    let lo = 0, hi = paraStarts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (paraStarts[mid] <= u16) lo = mid; else hi = mid - 1; }
    return [textNodes[lo], u16 - paraStarts[lo]];
  }

  function rangeOf(s, e) {
    const r = document.createRange();
    const [a, ao] = nodeAt(s); const [b, bo] = nodeAt(e);
    r.setStart(a, ao); r.setEnd(b, bo);
    return r;
  }

  /** A word-aligned span (UTF-16 offsets) inside a paragraph currently in view. */
  function visibleSpan(scroller, seed) {
    const box = scroller.getBoundingClientRect();
    const ps = [...scroller.querySelectorAll('p')];
    // Binary search the first paragraph whose bottom is in view.
    let lo = 0, hi = ps.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (ps[mid].getBoundingClientRect().bottom < box.top + 40) lo = mid + 1; else hi = mid; }
    const i = lo;
    const t = textNodes[i].data;
    const words = [...t.matchAll(/[A-Za-z]{4,}/g)];
    const w = words[seed % Math.max(1, words.length)] || { index: 0, 0: t.slice(0, 1) };
    return { start: paraStarts[i] + w.index, end: paraStarts[i] + w.index + w[0].length, text: w[0] };
  }

  return { frame, twoFrames, load, layout, rangeOf, visibleSpan, get data() { return data; } };
})();
