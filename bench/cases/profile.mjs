// Where the time goes: CPU profiles and browser metrics of opening the 1 MB article and of ten adds.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { round } from '../lib/stats.mjs';
import { defineCase, log } from '../lib/runner.mjs';
import { openDoc, timedKey, waitSaved } from '../lib/pages.mjs';

export const profile = defineCase('profile', 300_000, async (b) => {
  const { app, data, big, OUT, PROFILE, results } = b;
  if (!PROFILE || !app) return;
  const cdp = await app.context().newCDPSession(app);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const prof = async (what, fn) => {
    const m0 = await metrics();
    await cdp.send('Profiler.start');
    await fn();
    const { profile } = await cdp.send('Profiler.stop');
    const m1 = await metrics();
    const d = (k) => round((m1[k] - m0[k]) * 1000);
    results.browser_metrics ??= {};
    results.browser_metrics[what] = {
      script_ms: d('ScriptDuration'), recalc_style_ms: d('RecalcStyleDuration'), layout_ms: d('LayoutDuration'), task_ms: d('TaskDuration'),
      layouts: m1.LayoutCount - m0.LayoutCount, style_recalcs: m1.RecalcStyleCount - m0.RecalcStyleCount, dom_nodes: m1.Nodes,
    };
    log(`  ${what}: ${JSON.stringify(results.browser_metrics[what])}`);
    await writeFile(join(OUT, `${what}.cpuprofile`), JSON.stringify(profile));
    results.profile ??= {};
    results.profile[what] = topSelf(profile, 14);
  };
  await prof('open-1m', async () => {
    await openDoc(app, data.tiny.title, data.tiny.text.length);
    await openDoc(app, big.title, big.text.length);
  });
  await prof('add-1m', async () => {
    for (let i = 0; i < 10; i++) {
      await app.evaluate(async (seed) => {
        const frame = () => new Promise((ok) => requestAnimationFrame(ok));
        document.activeElement?.blur?.();
        const paras = document.querySelectorAll('[data-testid="doc-text"] .para');
        let k = (seed * 997) % paras.length;
        while (k < paras.length - 1 && !/[A-Za-z]{4,}/.test(paras[k].textContent)) k++;
        const p = paras[k];
        p.scrollIntoView({ block: 'center' }); await frame();
        const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT); const n = w.nextNode();
        const m = n.data.match(/[A-Za-z]{4,}/); if (!m) return;
        const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
        getSelection().removeAllRanges(); getSelection().addRange(r); await frame();
      }, 500 + i);
      await timedKey(app, '1');
      await waitSaved(app);
    }
  });
  await cdp.detach();
});

function topSelf(profile, k) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas || [];
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const cf = n.callFrame;
    const name = `${cf.functionName || '(anonymous)'} ${cf.url ? cf.url.split('/').pop() : ''}`.trim();
    self.set(name, (self.get(name) || 0) + (dt[i] || 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return { total_ms: round(total), top: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, ms]) => ({ name, ms: round(ms), pct: round((ms / total) * 100) })) };
}
