// Edits on the open article: add (a DOM Range selection + key), relabel (the span's <select>),
// delete (a span item + Delete); script and input → next paint.
import { dist } from '../lib/stats.mjs';
import { defineCase, log } from '../lib/runner.mjs';
import { pickSpanItem, spanCount, timedKey, waitSaved } from '../lib/pages.mjs';

export const edit = defineCase('edit', 1_500_000, async (b) => {
  const { app, EDITS, fig, results } = b;
  if (!app) throw new Error('app page not ready');
  const add = [], relabel = [], del = [], commits = [];
  let before = await spanCount(app);
  for (let i = 0; i < EDITS; i++) {
    // Add: a word selected programmatically (a DOM Range over a text node) in a paragraph in view.
    const prepared = await app.evaluate(async (seed) => {
      const frame = () => new Promise((ok) => requestAnimationFrame(ok));
      document.activeElement?.blur?.();
      // A chunk anywhere in the document, scrolled into view (the reader fills it with paragraphs).
      const chunks = document.querySelectorAll('[data-testid="doc-text"] .chunk');
      const chunk = chunks[Math.floor((seed * 7919 % 10007) / 10007 * chunks.length)];
      chunk.scrollIntoView({ block: 'start' });
      for (let f = 0; f < 60 && chunk.classList.contains('raw'); f++) await frame();
      const paras = chunk.querySelectorAll('.para');
      // Blank lines are paragraphs of their own in the reader: take the next one with words.
      let k = Math.floor((seed * 104729 % 10007) / 10007 * paras.length);
      while (k < paras.length - 1 && !/[A-Za-z]{4,}/.test(paras[k].textContent)) k++;
      const p = paras[k];
      p.scrollIntoView({ block: 'center' });
      await frame(); await frame();
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const cands = [];
      let n;
      while ((n = walker.nextNode())) for (const m of n.data.matchAll(/[A-Za-z]{4,}/g)) cands.push([n, m.index, m[0].length]);
      if (!cands.length) return false;
      const [node, at, len] = cands[seed % cands.length];
      const r = document.createRange();
      r.setStart(node, at); r.setEnd(node, at + len);
      const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r);
      await frame();
      return true;
    }, i);
    if (!prepared) continue;
    const r = await timedKey(app, String(1 + (i % 3)));
    // Key press → the edit's journal entry committed in IndexedDB (the transaction's complete).
    r.commit = await app.evaluate(async (keyTs) => {
      for (let f = 0; f < 600; f++) {
        const m = performance.getEntriesByName('spanmark-durable')[0];
        if (m) return m.startTime + m.duration - keyTs;
        await new Promise((ok) => setTimeout(ok, 5));
      }
      return null;
    }, r.start);
    if (r.commit != null) commits.push(r.commit);
    const after = await spanCount(app);
    if (after !== before + 1) results.notes.push(`add ${i}: span count ${before} → ${after}`);
    before = after;
    add.push(r);
    await waitSaved(app);
    // Relabel: a span item's label <select>, change event.
    if (await pickSpanItem(app, i * 3 + 1)) {
      await waitSaved(app);
      const rr = await app.evaluate(async () => {
        const frame = () => new Promise((ok) => requestAnimationFrame(ok));
        const li = document.querySelector('[data-testid="span-item"].selected') || document.activeElement.closest?.('[data-testid="span-item"]');
        if (!li) return null;
        const s = li.querySelector('[data-testid="span-label"]');
        const next = [...s.options].map((o) => o.value).find((v) => v !== s.value);
        performance.clearMeasures();
        const t0 = performance.now();
        s.value = next;
        s.dispatchEvent(new Event('change', { bubbles: true }));
        await frame(); await frame();
        const sum = (n) => performance.getEntriesByName(n).reduce((a, e) => a + e.duration, 0);
        return { paint: performance.now() - t0, apply: sum('spanmark-apply'), redraw: sum('spanmark-redraw') };
      });
      if (rr) relabel.push(rr);
      await waitSaved(app);
    }
    // Delete: click a span item, press Delete.
    if (await pickSpanItem(app, i * 3 + 2)) {
      await waitSaved(app);
      const r2 = await timedKey(app, 'Delete');
      const after2 = await spanCount(app);
      if (after2 !== before - 1) results.notes.push(`delete ${i}: span count ${before} → ${after2}`);
      before = after2;
      del.push(r2);
      await waitSaved(app);
    }
    if (i % 10 === 9) log(`  edits ${i + 1}/${EDITS}: add p50 ${dist(add.map((x) => x.paint)).p50.toFixed(1)} ms to paint`);
  }
  fig('edit_add_commit_ms', dist(commits), { label: 'Spanmark add: key press → journal entry committed in IndexedDB' });
  for (const [k, xs] of [['add', add], ['relabel', relabel], ['delete', del]]) {
    results.samples[`edit_${k}`] = xs;
    fig(`edit_${k}_script_ms`, dist(xs.map((x) => x.apply + x.redraw)), { label: `Spanmark ${k}: script (spanmark-apply + spanmark-redraw)`, target: 16, targetOn: 'p95' });
    fig(`edit_${k}_paint_ms`, dist(xs.map((x) => x.paint)), { label: `Spanmark ${k}: input → 2nd rAF (next paint)`, target: 35, targetOn: 'p95' });
  }
});
