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

  /**
   * mode 'p': one <p> per paragraph, the blank-line separator kept in the text so offsets are 1:1.
   * mode 'pre': the whole text as one text node in a white-space: pre-wrap block.
   */
  function layout(container, mode = 'p') {
    paraStarts = []; textNodes = [];
    if (mode === 'pre') {
      container.style.whiteSpace = 'pre-wrap';
      const t = document.createTextNode(data.text);
      container.appendChild(t);
      paraStarts.push(0); textNodes.push(t);
      return;
    }
    const parts = data.text.split('\n\n');
    const frag = document.createDocumentFragment();
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

  /** A word-aligned span (UTF-16 offsets) starting near the top of the viewport. */
  function visibleSpan(scroller, seed) {
    const box = scroller.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + 60 + (seed % 5) * 40;
    const pos = document.caretRangeFromPoint(x, y);
    const k = textNodes.indexOf(pos.startContainer);
    const node = textNodes[k];
    const re = /[A-Za-z]{4,}/g;
    re.lastIndex = pos.startOffset;
    const m = re.exec(node.data) || /[A-Za-z]{4,}/.exec(node.data);
    return { start: paraStarts[k] + m.index, end: paraStarts[k] + m.index + m[0].length, text: m[0] };
  }

  return { frame, twoFrames, load, layout, rangeOf, visibleSpan, get data() { return data; } };
})();
