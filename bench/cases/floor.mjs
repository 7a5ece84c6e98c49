// The floor: plain Chromium laying out the text in <p> elements, one CSS Custom Highlight per label.
import { dist, summary } from '../lib/stats.mjs';
import { defineCase } from '../lib/runner.mjs';
import { refPage, scrollFrames } from '../lib/pages.mjs';

export const floor = defineCase('floor', 900_000, async (b) => {
  const { data, RUNS, PEER_EDITS, SCROLL_STEP, fig, want } = b;
  for (const a of data.articles) {
    for (const hl of [false, true]) {
      const xs = [];
      for (let i = 0; i <= RUNS; i++) {
        const { ctx, page } = await refPage(b, 'floor', a.key);
        const r = await page.evaluate((hl) => window.floor.open(hl), hl);
        if (i > 0) xs.push(r.ms);
        await ctx.close();
      }
      fig(`floor_open_${a.key}_${hl ? 'hl' : 'text'}_ms`, summary(xs), { label: `floor open ${a.key}: ${hl ? 'text + one CSS Highlight per label' : 'text only in <p>'}` });
    }
  }
  const { ctx, page } = await refPage(b, 'floor', '1m');
  await page.evaluate(() => window.floor.open(true));
  const adds = [];
  for (let i = 0; i < PEER_EDITS; i++) {
    await page.evaluate(async (seed) => { const sc = document.getElementById('scroll'); sc.scrollTop = (seed * 7919 % 1000) / 1000 * (sc.scrollHeight - sc.clientHeight); await window.bench.twoFrames(); }, i);
    adds.push(await page.evaluate((seed) => window.floor.add(seed), i));
  }
  fig('floor_add_paint_ms', dist(adds.map((x) => x.ms)), { label: 'floor add one highlight (Highlight.add) → 2nd rAF, 1m/10k' });
  fig('floor_add_script_ms', dist(adds.map((x) => x.script)), { label: 'floor add one highlight: script' });
  if (want('scroll')) {
    const p95 = [], p50 = [];
    for (let i = 0; i < RUNS; i++) { const r = await scrollFrames(page, '#scroll', SCROLL_STEP); const d = dist(r.deltas); p50.push(d.p50); p95.push(d.p95); }
    fig('floor_scroll_p50_ms', summary(p50), { label: 'floor scroll 1m with 10k CSS highlights: frame p50' });
    fig('floor_scroll_p95_ms', summary(p95), { label: 'floor scroll 1m with 10k CSS highlights: frame p95' });
  }
  await ctx.close();
});
