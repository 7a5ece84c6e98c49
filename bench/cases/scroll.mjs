// Scroll: the open article's reader stepped frame by frame from top to bottom.
import { dist, summary } from '../lib/stats.mjs';
import { defineCase, log } from '../lib/runner.mjs';
import { scrollFrames } from '../lib/pages.mjs';

export const scroll = defineCase('scroll', 900_000, async (b) => {
  const { app, RUNS, SCROLL_STEP, fig } = b;
  if (!app) throw new Error('app page not ready');
  await app.evaluate(() => getSelection().removeAllRanges());
  const p50 = [], p95 = [], all = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await scrollFrames(app, '.reader-scroll', SCROLL_STEP);
    const d = dist(r.deltas);
    p50.push(d.p50); p95.push(d.p95); all.push(...r.deltas);
    log(`  scroll run ${i + 1}: ${r.deltas.length} frames over ${r.height} px, p50 ${d.p50.toFixed(1)} p95 ${d.p95.toFixed(1)} ms`);
  }
  fig('scroll_p50_ms', summary(p50), { label: `Spanmark scroll 1m: frame time p50 (${SCROLL_STEP} px/frame)` });
  fig('scroll_p95_ms', summary(p95), { label: 'Spanmark scroll 1m: frame time p95', target: 16.7 });
  fig('scroll_frames_all', dist(all), { label: 'Spanmark scroll: all frames pooled' });
});
