// Start-up: navigation → the document list drawn, with an empty workspace and with the 1,000-document
// one restored from IndexedDB (`import` leaves it in its context; made here otherwise).
import { summary } from '../lib/stats.mjs';
import { defineCase, log } from '../lib/runner.mjs';
import { appPage, gotoReady, importJsonl, waitSaved } from '../lib/pages.mjs';

export const startupEmpty = defineCase('startup-empty', 180_000, async (b) => {
  const { RUNS, fig } = b;
  const ctx = await b.newContext();
  const xs = [], painted = [];
  for (let i = 0; i <= RUNS; i++) {
    const page = await appPage(ctx, 0);
    const r = await gotoReady(page, b.url);
    if (i > 0) { xs.push(r.ready); painted.push(r.painted); } // run 0 warms the HTTP/code caches
    await page.close();
  }
  fig('startup_empty_ms', summary(xs), { label: 'start-up, empty workspace (navigation → doc-list)', target: 300 });
  fig('startup_empty_paint_ms', summary(painted), { label: 'start-up, empty (→ 2nd rAF)' });
  await ctx.close();
});

export const startupWorkspace = defineCase('startup-workspace', 300_000, async (b) => {
  const { RUNS, fig, wsDocs } = b;
  if (!b.wsContext) {
    b.wsContext = await b.newContext();
    const p = await appPage(b.wsContext, 0);
    await gotoReady(p, b.url);
    await importJsonl(p, 'workspace.jsonl', b.workspaceJsonl);
    await p.waitForFunction((n) => window.__listedDocs() === n, wsDocs, { timeout: 120_000 });
    await waitSaved(p, 120_000);
    await p.close();
  }
  const xs = [], painted = [], loaded = [];
  for (let i = 0; i <= RUNS; i++) {
    const page = await appPage(b.wsContext, wsDocs, true);
    const r = await gotoReady(page, b.url);
    const all = r.loaded ?? r.ready;
    if (i > 0) { xs.push(r.ready); painted.push(r.painted); loaded.push(all); }
    log(`  start-up with workspace run ${i}: ${r.ready.toFixed(0)} ms listed, ${all.toFixed(0)} ms all loaded`);
    await page.close();
  }
  fig('startup_workspace_ms', summary(xs), { label: `start-up, ${wsDocs}-doc workspace from IndexedDB (→ list shows ${wsDocs} documents)`, target: 300 });
  fig('startup_workspace_paint_ms', summary(painted), { label: 'start-up with workspace (→ 2nd rAF)' });
  fig('startup_workspace_loaded_ms', summary(loaded), { label: `start-up with workspace (→ all ${wsDocs} documents read, in the background)` });
});
