// Open: click on a document → its text and highlights painted; leaves the 1 MB article open.
import { summary } from '../lib/stats.mjs';
import { defineCase, log } from '../lib/runner.mjs';
import { openDoc } from '../lib/pages.mjs';

export const open = defineCase('open', 900_000, async (b) => {
  const { app, data, big, RUNS, fig, results } = b;
  if (!app) throw new Error('app page not ready');
  const tiny = data.tiny;
  for (const a of data.articles) {
    const runs = [];
    for (let i = 0; i <= RUNS; i++) {
      await openDoc(app, tiny.title, tiny.text.length);
      await app.evaluate(() => new Promise((ok) => setTimeout(ok, 100)));
      const r = await openDoc(app, a.title, a.text.length);
      if (r.len !== a.text.length) results.notes.push(`open ${a.key}: doc-text length ${r.len} ≠ ${a.text.length}`);
      if (i > 0) runs.push(r);
      if (a.key === '1m') log(`  open 1m run ${i}: ${r.ms.toFixed(0)} ms (spanmark-open ${r.measure?.toFixed(0)} ms, ${r.segs} .seg)`);
    }
    fig(`open_${a.key}_ms`, summary(runs.map((r) => r.ms)), { label: `Spanmark open ${a.key} / ${a.spans.length} spans (click → text + highlights painted)`, ...(a.key === '1m' ? { target: 500 } : {}) });
    fig(`open_${a.key}_measure_ms`, summary(runs.map((r) => r.measure)), { label: `Spanmark spanmark-open measure ${a.key}` });
  }
  await openDoc(app, big.title, big.text.length);
});
