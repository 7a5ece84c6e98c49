#!/usr/bin/env node
// Spanmark benchmark: one command, `node bench/run.mjs [--quick] [--dist DIR] [--only a,b] [--no-profile]`.
//
// Headless Debian Chromium (/usr/bin/chromium, via playwright-core; nothing downloads a browser) on
// the app's release build, beside @recogito/text-annotator 4.1.1 (the peer) and plain Chromium (the
// floor), with the same generated inputs. A benchmark, not a test: nothing fails on slowness.
// Writes bench/results.json, bench/results.md and bench/chart.svg; prints a table on stdout and
// progress on stderr.
import { mkdir, readFile, readdir, writeFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { join, resolve, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { generate, toJsonl } from './gen.mjs';
import { serve } from './lib/server.mjs';
import { summary, dist, round } from './lib/stats.mjs';
import { writeReports } from './lib/report.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(BENCH, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const QUICK = args.includes('--quick');
const PROFILE = !args.includes('--no-profile');
const DIST = resolve(opt('--dist', process.env.SPANMARK_DIST || join(REPO, 'dist')));
const ONLY = opt('--only', '') ? new Set(opt('--only', '').split(',')) : null;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const RUNS = QUICK ? 2 : 5;
const EDITS = QUICK ? 12 : 100;
const PEER_EDITS = QUICK ? 10 : 100;
const SCROLL_STEP = QUICK ? 1600 : 400;

const log = (...m) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m.join(' ')}\n`);
const want = (k) => !ONLY || ONLY.has(k);

function withTimeout(p, ms, what) {
  let t;
  return Promise.race([p, new Promise((_, no) => { t = setTimeout(() => no(new Error(`${what}: timed out after ${ms / 1000} s`)), ms); })])
    .finally(() => clearTimeout(t));
}

const MERGE = args.includes('--merge'); // keep the figures of a previous results.json, re-run only --only cases
const results = MERGE && existsSync(join(BENCH, 'results.json'))
  ? JSON.parse(await readFile(join(BENCH, 'results.json'), 'utf8'))
  : { figures: {}, notes: [], errors: {}, samples: {} };
const F0 = results.figures;
const fig = (key, value, extra = {}) => { results.figures[key] = { ...value, ...extra }; };
async function runCase(name, ms, fn) {
  if (!want(name)) return;
  log(`case ${name} …`);
  delete results.errors[name];
  const t = performance.now();
  try { await withTimeout(fn(), ms, name); } catch (e) {
    results.errors[name] = String(e?.stack || e).split('\n').slice(0, 4).join(' | ');
    log(`case ${name} FAILED: ${e?.message || e}`);
  }
  log(`case ${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------- inputs
log(`generating inputs (seed 20250105) …`);
const data = generate(20250105);
const OUT = join(BENCH, 'out');
await mkdir(OUT, { recursive: true });
for (const a of data.articles) await writeFile(join(OUT, `${a.key}.json`), JSON.stringify({ text: a.text, spans: a.spans }));
const articlesJsonl = toJsonl([data.tiny, ...data.articles]);
const workspaceJsonl = toJsonl(data.ws);
await writeFile(join(OUT, 'articles.jsonl'), articlesJsonl);
await writeFile(join(OUT, 'workspace-1000x50.jsonl'), workspaceJsonl);
const big = data.articles.find((a) => a.key === '1m');
results.inputs = {
  seed: 20250105,
  articles: data.articles.map((a) => ({ key: a.key, utf8_bytes: Buffer.byteLength(a.text), code_points: Array.from(a.text).length, utf16: a.text.length, paragraphs: a.text.split('\n\n').length, spans: a.spans.length })),
  workspace: { documents: data.ws.length, spans_per_doc: 50, jsonl_bytes: Buffer.byteLength(workspaceJsonl), text_bytes_per_doc: '~3 kB' },
};

// ---------------------------------------------------------------- machine
const chromiumVersion = (() => { try { return execFileSync(CHROMIUM, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch { return 'unknown'; } })();
results.machine = {
  nproc: (() => { try { return Number(execFileSync('nproc').toString().trim()); } catch { return cpus().length; } })(),
  cpu: cpus()[0]?.model || 'unknown',
  chromium: chromiumVersion,
  node: process.version,
  quick: QUICK,
  date: new Date().toISOString(),
  dist: DIST,
};

// ---------------------------------------------------------------- shell size (no browser needed)
await runCase('shell', 30_000, async () => {
  // Every script, stylesheet and wasm file in dist/ (snippets included). The shell is what start-up
  // loads; the formats module (`spanmark-formats-web*`, every format but Spanmark JSONL) is fetched
  // after start-up, on first use, and counted apart; sw.js runs in the service worker.
  const files = [];
  for (const pending = ['']; pending.length;) {
    const d = pending.pop();
    for (const e of await readdir(join(DIST, d), { withFileTypes: true })) {
      const f = d ? `${d}/${e.name}` : e.name;
      if (e.isDirectory()) pending.push(f); else if (['.wasm', '.js', '.css'].includes(extname(f))) files.push(f);
    }
  }
  const lazy = (f) => f.startsWith('spanmark-formats-web');
  const sum = { shell: { raw: 0, gzip: 0, brotli: 0 }, lazy: { raw: 0, gzip: 0, brotli: 0 } };
  const per = {};
  for (const f of files.sort()) {
    if (f === 'sw.js') continue;
    const b = await readFile(join(DIST, f));
    const g = gzipSync(b, { level: 9 }).length;
    const r = brotliCompressSync(b, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;
    per[f] = { raw: b.length, gzip: g, brotli: r, on_first_use: lazy(f) };
    const t = sum[lazy(f) ? 'lazy' : 'shell'];
    t.raw += b.length; t.gzip += g; t.brotli += r;
  }
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const level = html.match(/data-wasm-opt="([^"]*)"/)?.[1] ?? '(none: release default -O)';
  results.shell = { files: per, ...sum.shell, wasm_opt: level, on_first_use: sum.lazy };
  log(`shell: ${sum.shell.raw} raw, ${sum.shell.gzip} gzip, ${sum.shell.brotli} brotli, wasm-opt ${level}; formats module on first use: ${sum.lazy.brotli} brotli`);
});

// ---------------------------------------------------------------- browser
const server = await serve(DIST, BENCH);
const userDir = await mkdtemp(join(tmpdir(), 'spanmark-bench-'));
log(`serving ${DIST} at ${server.url}; Chromium ${chromiumVersion}`);
const browser = await chromium.launch({
  executablePath: CHROMIUM, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const newContext = () => browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });

/** In-page instrumentation, installed before the app's scripts run. */
function instrument([expectDocs, expectText]) {
  const b = (window.__bench = { expectDocs, expectText, readyAt: null, paintedAt: null, loadedAt: null, keyTs: null, keyPaint: null, blobTs: null, importTs: null, savedAt: null });
  const frame2 = (f) => requestAnimationFrame(() => requestAnimationFrame(() => f(performance.now())));
  addEventListener('keydown', (e) => { b.keyTs = e.timeStamp; b.keyPaint = null; frame2((t) => { b.keyPaint = t; }); }, true);
  addEventListener('change', (e) => { if (e.target?.matches?.('[data-testid="import-file"]')) b.importTs = e.timeStamp; }, true);
  const create = URL.createObjectURL;
  URL.createObjectURL = function (blob) { b.blobTs = performance.now(); b.blobSize = blob?.size; return create.call(URL, blob); };
  // The document list is virtualised: `data-count` says how many documents it lists.
  const listedDocs = () => {
    const list = document.querySelector('[data-testid="doc-list"]');
    return list?.dataset.count != null ? Number(list.dataset.count) : document.querySelectorAll('[data-testid="doc-item"]').length;
  };
  window.__listedDocs = listedDocs;
  const check = () => {
    if (b.readyAt != null || !document.querySelector('[data-testid="doc-list"]')) return;
    if (b.expectDocs > 0 && (listedDocs() !== b.expectDocs || !document.querySelector('[data-testid="doc-item"]'))) return;
    // …and (start-up) the open document's text is in the reader.
    if (b.expectText && !document.querySelector('[data-testid="doc-text"]')?.firstChild) return;
    b.readyAt = performance.now();
    frame2((t) => { b.paintedAt = t; });
  };
  new MutationObserver((muts) => {
    check();
    for (const m of muts) if (m.type === 'attributes' && document.documentElement?.dataset.saveState === 'saved') b.savedAt = performance.now();
    // Every saved document read (the list shows first, from its summary; the rest follows).
    if (b.loadedAt == null && document.documentElement?.dataset.workspace === 'loaded') b.loadedAt = performance.now();
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-save-state', 'data-count', 'data-workspace'] });
}

async function appPage(ctx, expectDocs = 0, expectText = false) {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await page.addInitScript(instrument, [expectDocs, expectText]);
  return page;
}
async function gotoReady(page) {
  await page.goto(server.url);
  await page.waitForFunction(() => window.__bench.readyAt != null && window.__bench.paintedAt != null, null, { timeout: 60_000 });
  // Builds before the two-step start-up load everything before the list shows (no data-workspace).
  await page.waitForFunction(() => window.__bench.loadedAt != null || !document.documentElement.hasAttribute('data-workspace'), null, { timeout: 60_000 });
  return page.evaluate(() => ({ ready: window.__bench.readyAt, painted: window.__bench.paintedAt, loaded: window.__bench.loadedAt }));
}
const waitSaved = (page, timeout = 60_000) => page.waitForFunction(() => document.documentElement.dataset.saveState === 'saved', null, { timeout, polling: 50 });
async function importJsonl(page, name, text) {
  await page.locator('[data-testid="import-file"]').setInputFiles({ name, mimeType: 'application/jsonl', buffer: Buffer.from(text, 'utf8') });
}
const docCount = (page) => page.evaluate(() => window.__listedDocs());

/** Opens the document titled `title` by clicking its list item; times click → text → 2 rAF. */
async function openDoc(page, title, len) {
  return page.evaluate(async ({ title, len }) => {
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    const li = [...document.querySelectorAll('[data-testid="doc-item"]')].find((l) => l.querySelector('.title')?.textContent === title);
    if (!li) throw new Error(`no doc-item titled ${title}`);
    performance.clearMeasures('spanmark-open');
    const el = document.querySelector('[data-testid="doc-text"]');
    const t0 = performance.now();
    li.querySelector('button').click();
    const limit = t0 + 60_000;
    while (el.textContent.length !== len && performance.now() < limit) await frame();
    // The reader fills the chunks near the viewport with paragraphs and highlights (raw chunks hold
    // only text): wait until no raw chunk shows in the scroll container.
    const sc = el.closest('.reader-scroll');
    const rawInView = () => {
      const v = sc.getBoundingClientRect();
      return [...el.querySelectorAll('.chunk.raw')].some((c) => {
        const r = c.getBoundingClientRect();
        return r.bottom > v.top && r.top < v.bottom;
      });
    };
    while (rawInView() && performance.now() < limit) await frame();
    const content = performance.now() - t0;
    await frame(); await frame();
    const ms = performance.now() - t0;
    const m = performance.getEntriesByName('spanmark-open');
    return { ms, content, measure: m.length ? m[m.length - 1].duration : null, len: el.textContent.length, segs: el.querySelectorAll('.seg').length };
  }, { title, len });
}

const spanCount = (page) => page.evaluate(() => {
  const h = [...document.querySelectorAll('h2')].map((x) => x.textContent.match(/^Spans \((\d+)\)/)).find(Boolean);
  return h ? Number(h[1]) : null;
});

/** Runs one keyboard edit and reads its timings from the page. */
async function timedKey(page, key) {
  await page.evaluate(() => { performance.clearMeasures(); window.__bench.keyTs = null; window.__bench.keyPaint = null; });
  await page.keyboard.press(key);
  await page.waitForFunction(() => window.__bench.keyPaint != null, null, { timeout: 30_000, polling: 'raf' });
  return page.evaluate(() => {
    const sum = (n) => performance.getEntriesByName(n).reduce((a, e) => a + e.duration, 0);
    const b = window.__bench;
    return { paint: b.keyPaint - b.keyTs, apply: sum('spanmark-apply'), redraw: sum('spanmark-redraw'), start: b.keyTs };
  });
}

/** Clicks a random visible span item (selects the span, scrolls the reader to it). */
async function pickSpanItem(page, seed) {
  const ok = await page.evaluate(async (seed) => {
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    const sc = document.querySelector('.span-list-scroll');
    sc.scrollTop = Math.floor(((seed * 7919) % 997) / 997 * (sc.scrollHeight - sc.clientHeight));
    sc.dispatchEvent(new Event('scroll'));
    await frame(); await frame();
    const items = [...document.querySelectorAll('[data-testid="span-item"]')].filter((li) => {
      const r = li.getBoundingClientRect(); const b = sc.getBoundingClientRect();
      return r.top >= b.top && r.bottom <= b.bottom;
    });
    if (!items.length) return false;
    const li = items[seed % items.length];
    (li.querySelector('.covered') || li).click();
    li.focus();
    await frame(); await frame();
    return true;
  }, seed);
  return ok;
}

// ---------------------------------------------------------------- 1. start-up, empty
const wsDocs = data.ws.length;
let otherExport = null; // { fmt, name, bytes } of the other-format export, imported in 5c
let wsContext = null;
await runCase('startup-empty', 180_000, async () => {
  const ctx = await newContext();
  const xs = [], painted = [];
  for (let i = 0; i <= RUNS; i++) {
    const page = await appPage(ctx, 0);
    const r = await gotoReady(page);
    if (i > 0) { xs.push(r.ready); painted.push(r.painted); } // run 0 warms the HTTP/code caches
    await page.close();
  }
  fig('startup_empty_ms', summary(xs), { label: 'start-up, empty workspace (navigation → doc-list)', target: 300 });
  fig('startup_empty_paint_ms', summary(painted), { label: 'start-up, empty (→ 2nd rAF)' });
  await ctx.close();
});

// ---------------------------------------------------------------- 5b. import of the workspace (fresh storage each run)
await runCase('import', 600_000, async () => {
  const xs = [], painted = [], saved = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await newContext();
    const page = await appPage(ctx, 0);
    await gotoReady(page);
    await page.evaluate((n) => { window.__bench.expectDocs = n; window.__bench.readyAt = null; window.__bench.paintedAt = null; window.__bench.savedAt = null; }, wsDocs);
    await importJsonl(page, 'workspace.jsonl', workspaceJsonl);
    await page.waitForFunction(() => window.__bench.paintedAt != null, null, { timeout: 120_000, polling: 100 });
    const r = await page.evaluate(() => ({ ready: window.__bench.readyAt - window.__bench.importTs, painted: window.__bench.paintedAt - window.__bench.importTs }));
    xs.push(r.ready); painted.push(r.painted);
    await waitSaved(page, 120_000);
    const s = await page.evaluate(() => window.__bench.savedAt - window.__bench.importTs);
    saved.push(s);
    log(`  import run ${i + 1}: ${r.ready.toFixed(0)} ms listed, ${s.toFixed(0)} ms saved`);
    await page.close();
    if (i === RUNS - 1) wsContext = ctx; else await ctx.close();
  }
  fig('import_ms', summary(xs), { label: `import ${wsDocs}×50 JSONL (change event → ${wsDocs} documents listed)`, target: 300 });
  fig('import_paint_ms', summary(painted), { label: 'import → 2nd rAF' });
  fig('import_saved_ms', summary(saved), { label: 'import → saved to IndexedDB' });
});

// ---------------------------------------------------------------- 1b. start-up with the workspace restored from IndexedDB
await runCase('startup-workspace', 300_000, async () => {
  if (!wsContext) {
    wsContext = await newContext();
    const p = await appPage(wsContext, 0);
    await gotoReady(p);
    await importJsonl(p, 'workspace.jsonl', workspaceJsonl);
    await p.waitForFunction((n) => window.__listedDocs() === n, wsDocs, { timeout: 120_000 });
    await waitSaved(p, 120_000);
    await p.close();
  }
  const xs = [], painted = [], loaded = [];
  for (let i = 0; i <= RUNS; i++) {
    const page = await appPage(wsContext, wsDocs, true);
    const r = await gotoReady(page);
    const all = r.loaded ?? r.ready;
    if (i > 0) { xs.push(r.ready); painted.push(r.painted); loaded.push(all); }
    log(`  start-up with workspace run ${i}: ${r.ready.toFixed(0)} ms listed, ${all.toFixed(0)} ms all loaded`);
    await page.close();
  }
  fig('startup_workspace_ms', summary(xs), { label: `start-up, ${wsDocs}-doc workspace from IndexedDB (→ list shows ${wsDocs} documents)`, target: 300 });
  fig('startup_workspace_paint_ms', summary(painted), { label: 'start-up with workspace (→ 2nd rAF)' });
  fig('startup_workspace_loaded_ms', summary(loaded), { label: `start-up with workspace (→ all ${wsDocs} documents read, in the background)` });
});

// ---------------------------------------------------------------- 5a. export of the workspace
await runCase('export', 300_000, async () => {
  if (!wsContext) throw new Error('no workspace context');
  const page = await appPage(wsContext, wsDocs);
  await gotoReady(page);
  const xs = [], dl = [];
  let size = 0;
  for (let i = 0; i <= RUNS; i++) {
    const download = page.waitForEvent('download', { timeout: 60_000 });
    const t0 = performance.now();
    const inPage = await page.evaluate(() => {
      window.__bench.blobTs = null;
      const t = performance.now();
      document.querySelector('[data-testid="export-jsonl"]').click();
      return { ms: window.__bench.blobTs - t, size: window.__bench.blobSize };
    });
    const d = await download;
    const t1 = performance.now();
    await d.cancel().catch(() => {});
    size = inPage.size;
    if (i > 0) { xs.push(inPage.ms); dl.push(t1 - t0); }
  }
  fig('export_ms', summary(xs), { label: `export ${wsDocs}×50 native JSONL (click → Blob URL, in page)`, target: 200, bytes: size });
  fig('export_download_ms', summary(dl), { label: 'export click → download event (incl. CDP round trip)' });
  // Another format (spaCy / Prodigy JSONL) through the Export… dialog; the file it writes is then
  // imported below, so both directions are measured for a second format too.
  if (await page.locator('[data-testid="export-open"]').count()) await page.click('[data-testid="export-open"]');
  const hasFormat = await page.locator('[data-testid="export-format"]').count();
  if (hasFormat && await page.locator('[data-testid="export-download"]').count()) {
    const fmt = await page.evaluate(() => {
      const s = document.querySelector('[data-testid="export-format"]');
      const vals = [...s.options].map((o) => o.value);
      return vals.includes('spacy') ? 'spacy' : vals.find((v) => !/jsonl|spanmark/.test(v)) || vals[0];
    });
    await page.selectOption('[data-testid="export-format"]', fmt);
    const ys = [];
    for (let i = 0; i <= RUNS; i++) {
      // The dialog closes after a download. Each run opens it (the format stays chosen): the dialog
      // makes the export (and its preview) as it opens; timed from the click on Export… to the Blob
      // URL of the download, clicked as soon as the dialog is no longer busy.
      if (await page.locator('[data-testid="export-download"]').count()) {
        await page.keyboard.press('Escape');
        await page.locator('[data-testid="export-download"]').waitFor({ state: 'detached' });
      }
      const download = page.waitForEvent('download', { timeout: 120_000 });
      const ms = await page.evaluate(() => new Promise((ok) => {
        window.__bench.blobTs = null;
        const t = performance.now();
        document.querySelector('[data-testid="export-open"]').click();
        const ready = () => {
          const button = document.querySelector('[data-testid="export-download"]');
          if (!button || button.disabled || button.closest('[aria-busy="true"]')) return false;
          button.click();
          return true;
        };
        const blob = () => (window.__bench.blobTs != null ? ok(window.__bench.blobTs - t) : setTimeout(blob, 2));
        if (ready()) { blob(); return; }
        const watch = new MutationObserver(() => { if (ready()) { watch.disconnect(); blob(); } });
        watch.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy', 'disabled'] });
      }));
      const d = await download;
      if (i === RUNS) {
        const chunks = [];
        for await (const c of await d.createReadStream()) chunks.push(c);
        otherExport = { fmt, name: d.suggestedFilename(), bytes: Buffer.concat(chunks) };
      } else {
        await d.cancel().catch(() => {});
      }
      if (i > 0) ys.push(ms);
    }
    fig('export_other_ms', summary(ys), { label: `export ${wsDocs}×50 as ${fmt} (click on Export… → dialog ready → Blob URL)`, target: 200 });
  } else {
    results.notes.push('Other export format: skipped — this build has no [data-testid="export-format"] / [data-testid="export-download"] (only native JSONL export).');
  }
  await page.close();
});
if (wsContext) { await wsContext.close(); wsContext = null; }

// ---------------------------------------------------------------- 5c. import of the other format (fresh storage each run)
await runCase('import-other', 600_000, async () => {
  if (!otherExport) { results.notes.push('Import of another format: skipped (no other-format export was measured).'); return; }
  const xs = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await newContext();
    const page = await appPage(ctx, 0);
    await gotoReady(page);
    await page.evaluate((n) => { window.__bench.expectDocs = n; window.__bench.readyAt = null; }, wsDocs);
    await page.locator('[data-testid="import-file"]').setInputFiles({ name: otherExport.name, mimeType: 'application/octet-stream', buffer: otherExport.bytes });
    await page.waitForFunction(() => window.__bench.readyAt != null, null, { timeout: 120_000, polling: 100 });
    xs.push(await page.evaluate(() => window.__bench.readyAt - window.__bench.importTs));
    log(`  import ${otherExport.fmt} run ${i + 1}: ${xs[xs.length - 1].toFixed(0)} ms listed`);
    await ctx.close();
  }
  fig('import_other_ms', summary(xs), { label: `import ${wsDocs}×50 as ${otherExport.fmt} (change event → ${wsDocs} documents listed)`, target: 300 });
});

// ---------------------------------------------------------------- 2–4, 6: the big article in the app
const articleCtx = want('app-article') || want('open') || want('edit') || want('scroll') || want('suggest') ? await newContext() : null;
let app = null;
await runCase('app-article', 300_000, async () => {
  app = await appPage(articleCtx, 0);
  await gotoReady(app);
  await app.evaluate(() => { window.__bench.expectDocs = 4; window.__bench.readyAt = null; });
  await importJsonl(app, 'articles.jsonl', articlesJsonl);
  await app.waitForFunction(() => window.__listedDocs() === 4, null, { timeout: 120_000 });
  await waitSaved(app, 120_000);
  log('  articles imported and saved');
});

await runCase('open', 900_000, async () => {
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

await runCase('edit', 1_500_000, async () => {
  if (!app) throw new Error('app page not ready');
  const add = [], relabel = [], del = [];
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
  for (const [k, xs] of [['add', add], ['relabel', relabel], ['delete', del]]) {
    results.samples[`edit_${k}`] = xs;
    fig(`edit_${k}_script_ms`, dist(xs.map((x) => x.apply + x.redraw)), { label: `Spanmark ${k}: script (spanmark-apply + spanmark-redraw)`, target: 16, targetOn: 'p95' });
    fig(`edit_${k}_paint_ms`, dist(xs.map((x) => x.paint)), { label: `Spanmark ${k}: input → 2nd rAF (next paint)`, target: 35, targetOn: 'p95' });
  }
});

async function scrollFrames(page, selector) {
  return page.evaluate(async ({ selector, step }) => {
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    const sc = document.querySelector(selector);
    sc.scrollTop = 0;
    await frame(); await frame();
    const deltas = [];
    let last = await frame();
    while (sc.scrollTop + sc.clientHeight < sc.scrollHeight - 2) {
      sc.scrollTop += step;
      const t = await frame();
      deltas.push(t - last);
      last = t;
    }
    return { deltas, height: sc.scrollHeight };
  }, { selector, step: SCROLL_STEP });
}

await runCase('scroll', 900_000, async () => {
  if (!app) throw new Error('app page not ready');
  await app.evaluate(() => getSelection().removeAllRanges());
  const p50 = [], p95 = [], all = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await scrollFrames(app, '.reader-scroll');
    const d = dist(r.deltas);
    p50.push(d.p50); p95.push(d.p95); all.push(...r.deltas);
    log(`  scroll run ${i + 1}: ${r.deltas.length} frames over ${r.height} px, p50 ${d.p50.toFixed(1)} p95 ${d.p95.toFixed(1)} ms`);
  }
  fig('scroll_p50_ms', summary(p50), { label: `Spanmark scroll 1m: frame time p50 (${SCROLL_STEP} px/frame)` });
  fig('scroll_p95_ms', summary(p95), { label: 'Spanmark scroll 1m: frame time p95', target: 16.7 });
  fig('scroll_frames_all', dist(all), { label: 'Spanmark scroll: all frames pooled' });
});

await runCase('suggest', 120_000, async () => {
  if (!app) throw new Error('app page not ready');
  const has = await app.locator('[data-testid="suggest-run"]').count();
  if (!has) {
    results.notes.push('Suggestions in the app: skipped — this build has no [data-testid="suggest-run"].');
  } else {
    const xs = [];
    for (let i = 0; i <= RUNS; i++) {
      const ms = await app.evaluate(async () => {
        const frame = () => new Promise((ok) => requestAnimationFrame(ok));
        performance.clearMeasures();
        const t0 = performance.now();
        document.querySelector('[data-testid="suggest-run"]').click();
        let m;
        const limit = t0 + 60_000;
        // The app records the measure when the suggestions are back (the engine runs in the
        // formats module, asynchronously): the items of the previous run are still listed until then.
        while (!(m = performance.getEntriesByName('spanmark-suggest')[0]) && performance.now() < limit) await frame();
        return m ? m.duration : performance.now() - t0;
      });
      if (i > 0) xs.push(ms);
    }
    const mb = Buffer.byteLength(big.text) / 1e6;
    fig('suggest_mb_s', summary(xs.map((ms) => mb / (ms / 1000))), { label: 'suggestions in the app, 1 MB article (MB/s)', unit: 'MB/s' });
  }
  // Native figure, only if a prebuilt example exists (the harness never runs cargo).
  for (const root of [REPO, '/work/appwt']) {
    const bin = join(root, 'target/release/examples/suggest_bench');
    if (existsSync(bin)) {
      try {
        const out = execFileSync(bin, [], { timeout: 90_000, cwd: root }).toString();
        results.suggest_native = { binary: bin, output: out.trim().split('\n').slice(-8) };
        results.notes.push(`Native suggestion engine (NOT the browser): output of ${bin} recorded in results.json.`);
      } catch (e) { results.notes.push(`native suggest_bench failed: ${e.message}`); }
      break;
    }
  }
  if (!results.suggest_native) results.notes.push('Native suggestion figure: not measured (no prebuilt target/release/examples/suggest_bench; the harness does not run cargo). Run `cargo run --release -p spanmark-core --example suggest_bench` for it.');
});

// ---------------------------------------------------------------- profile (where the time goes)
await runCase('profile', 300_000, async () => {
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

if (app) await app.close();
if (articleCtx) await articleCtx.close();

// ---------------------------------------------------------------- floor and peer, same browser session
async function refPage(kind, key) {
  const ctx = await newContext();
  const page = await ctx.newPage();
  page.on('pageerror', (e) => log(`${kind} page error: ${e.message}`));
  await page.goto(`${server.url}__bench/pages/${kind}.html`);
  await page.evaluate((key) => window.bench.load(key), key);
  return { ctx, page };
}

await runCase('floor', 900_000, async () => {
  for (const a of data.articles) {
    for (const hl of [false, true]) {
      const xs = [];
      for (let i = 0; i <= RUNS; i++) {
        const { ctx, page } = await refPage('floor', a.key);
        const r = await page.evaluate((hl) => window.floor.open(hl), hl);
        if (i > 0) xs.push(r.ms);
        await ctx.close();
      }
      fig(`floor_open_${a.key}_${hl ? 'hl' : 'text'}_ms`, summary(xs), { label: `floor open ${a.key}: ${hl ? 'text + one CSS Highlight per label' : 'text only in <p>'}` });
    }
  }
  const { ctx, page } = await refPage('floor', '1m');
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
    for (let i = 0; i < RUNS; i++) { const r = await scrollFrames(page, '#scroll'); const d = dist(r.deltas); p50.push(d.p50); p95.push(d.p95); }
    fig('floor_scroll_p50_ms', summary(p50), { label: 'floor scroll 1m with 10k CSS highlights: frame p50' });
    fig('floor_scroll_p95_ms', summary(p95), { label: 'floor scroll 1m with 10k CSS highlights: frame p95' });
  }
  await ctx.close();
});

const PEER_1M_LIMIT = 120_000;
/** The peer's adds on 100 kB / 1k can take seconds each: stop after this long (and say so). */
const PEER_ADDS_LIMIT = QUICK ? 60_000 : 180_000;
const closeSoon = (ctx) => Promise.race([ctx.close().catch(() => {}), new Promise((ok) => setTimeout(ok, 15_000))]);
async function peerAdds(page, key) {
  const adds = [];
  const started = performance.now();
  for (let i = 0; i < PEER_EDITS; i++) {
    if (performance.now() - started > PEER_ADDS_LIMIT) {
      results.notes.push(`peer adds on ${key}: stopped after ${adds.length} adds in ${(PEER_ADDS_LIMIT / 1000).toFixed(0)} s (the add itself paints in tens of ms; scrolling the peer to a new place between adds takes tens of seconds while its renderer recomputes highlights)`);
      log(`  peer adds: ${adds.length} in ${(PEER_ADDS_LIMIT / 1000).toFixed(0)} s, stopping`);
      break;
    }
    await page.evaluate(async (seed) => { const sc = document.getElementById('scroll'); sc.scrollTop = (seed * 7919 % 1000) / 1000 * (sc.scrollHeight - sc.clientHeight); await window.bench.twoFrames(); await window.bench.twoFrames(); }, i);
    const r = await page.evaluate((seed) => window.peer.add(seed), i);
    if (r.added !== 1) results.notes.push(`peer add ${i}: ${r.added} added`);
    adds.push(r);
  }
  fig('peer_add_paint_ms', dist(adds.map((x) => x.ms)), { label: `peer add one annotation → 2nd rAF, ${key}` });
  fig('peer_add_script_ms', dist(adds.map((x) => x.script)), { label: `peer add one annotation: script, ${key}` });
}
await runCase('peer', 1_800_000, async () => {
  for (const a of data.articles.filter((x) => x.key !== '1m')) {
    const xs = [], scripts = [];
    for (let i = 0; i <= RUNS; i++) {
      const { ctx, page } = await refPage('peer', a.key);
      const r = await page.evaluate(() => window.peer.open('p'));
      if (r.count !== a.spans.length) results.notes.push(`peer ${a.key}: ${r.count} of ${a.spans.length} annotations loaded`);
      if (i > 0) { xs.push(r.ms); scripts.push(r.script); }
      await ctx.close();
    }
    fig(`peer_open_${a.key}_ms`, summary(xs), { label: `peer (Recogito text-annotator 4.1.1) open ${a.key} / ${a.spans.length}` });
    fig(`peer_open_${a.key}_script_ms`, summary(scripts), { label: `peer open ${a.key}: synchronous script` });
  }
  // Fallback add figure on 100 kB / 1k (always measured; the 1 MB one follows if the peer opens it).
  {
    const { ctx, page } = await refPage('peer', '100k');
    await page.evaluate(() => window.peer.open('p'));
    await peerAdds(page, '100k/1k');
    for (const k of ['peer_add_paint_ms', 'peer_add_script_ms']) { F0[k.replace('_ms', '_100k_ms')] = results.figures[k]; delete results.figures[k]; }
    await ctx.close();
  }
  // 1 MB / 10k: the peer can take minutes here; bounded attempts in a browser of their own (a hung
  // renderer must not take the rest of the session with it).
  const own = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const xs = [];
  let kept = null;
  try {
    for (let i = 0; i < RUNS; i++) {
      const ctx = await own.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      await page.goto(`${server.url}__bench/pages/peer.html`);
      await page.evaluate(() => window.bench.load('1m'));
      const t0 = performance.now();
      const r = await Promise.race([page.evaluate(() => window.peer.open('p')).catch(() => null), new Promise((ok) => setTimeout(() => ok(null), PEER_1M_LIMIT))]);
      if (!r) {
        log(`  peer open 1m: not finished after ${PEER_1M_LIMIT / 1000} s, giving up`);
        results.notes.push(`peer open 1 MB / 10k did not finish within ${PEER_1M_LIMIT / 1000} s (renderer busy in the library's synchronous setAnnotations, 100% CPU): reported as a lower bound; peer add-one is reported on the 100 kB / 1k article.`);
        fig('peer_open_1m_ms', { median: PEER_1M_LIMIT, min: PEER_1M_LIMIT, max: PEER_1M_LIMIT, n: 0, lowerBound: true }, { label: `peer open 1m / 10000 (LOWER BOUND: > ${PEER_1M_LIMIT / 1000} s, did not finish)` });
        break;
      }
      log(`  peer open 1m run ${i + 1}: ${r.ms.toFixed(0)} ms (${r.painted} highlight elements) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      xs.push(r.ms);
      if (kept) await closeSoon(kept.ctx);
      kept = { ctx, page };
      if (r.ms > 20_000) { results.notes.push(`peer open 1m took ${r.ms.toFixed(0)} ms: ${xs.length} run(s) only`); break; }
    }
    if (xs.length) fig('peer_open_1m_ms', summary(xs), { label: 'peer (Recogito text-annotator 4.1.1) open 1m / 10000' });
    if (kept) await peerAdds(kept.page, '1m/10k');
  } finally {
    await Promise.race([own.close().catch(() => {}), new Promise((ok) => setTimeout(ok, 20_000))]);
  }
});

await browser.close();
await server.close();
await rm(userDir, { recursive: true, force: true });

// ---------------------------------------------------------------- ratios, targets, reports
const F = results.figures;
const med = (k) => F[k]?.median ?? F[k]?.p50 ?? null;
const ratio = (a, b) => (a != null && b ? round(a / b, 2) : null);
results.ratios = {
  open_1m_spanmark_over_peer: ratio(med('open_1m_ms'), med('peer_open_1m_ms')),
  open_1m_spanmark_over_floor_text: ratio(med('open_1m_ms'), med('floor_open_1m_text_ms')),
  open_1m_spanmark_over_floor_hl: ratio(med('open_1m_ms'), med('floor_open_1m_hl_ms')),
  open_100k_spanmark_over_peer: ratio(med('open_100k_ms'), med('peer_open_100k_ms')),
  open_10k_spanmark_over_peer: ratio(med('open_10k_ms'), med('peer_open_10k_ms')),
  add_paint_p50_spanmark_over_peer: ratio(F.edit_add_paint_ms?.p50, F.peer_add_paint_ms?.p50),
  add_paint_p50_spanmark_1m_over_peer_100k: ratio(F.edit_add_paint_ms?.p50, F.peer_add_paint_100k_ms?.p50),
  add_paint_p95_spanmark_1m_over_peer_100k: ratio(F.edit_add_paint_ms?.p95, F.peer_add_paint_100k_ms?.p95),
  add_paint_p95_spanmark_over_peer: ratio(F.edit_add_paint_ms?.p95, F.peer_add_paint_ms?.p95),
  add_paint_p50_spanmark_over_floor: ratio(F.edit_add_paint_ms?.p50, F.floor_add_paint_ms?.p50),
  add_paint_p95_spanmark_over_floor: ratio(F.edit_add_paint_ms?.p95, F.floor_add_paint_ms?.p95),
  scroll_p95_spanmark_over_floor: ratio(med('scroll_p95_ms'), med('floor_scroll_p95_ms')),
};
const T = [];
// `slack`: measurement jitter within which a figure still meets its limit (rAF timestamps of
// frames at 60 Hz come 16.6–16.8 ms apart when no frame is dropped; a dropped frame is 33 ms).
const target = (name, value, limit, unit = 'ms', slack = 0) => T.push({ name, value: round(value), limit, unit, met: value == null ? null : value <= limit + slack });
target('open 1 MB / 10k ≤ 0.5 s', med('open_1m_ms'), 500);
target('open 1 MB / 10k ≤ 0.5 × peer', results.ratios.open_1m_spanmark_over_peer, 0.5, '×');
for (const k of ['add', 'relabel', 'delete']) target(`edit ${k} script p95 ≤ 16 ms`, F[`edit_${k}_script_ms`]?.p95, 16);
for (const k of ['add', 'relabel', 'delete']) target(`edit ${k} to next paint p95 ≤ 35 ms (anchors doc)`, F[`edit_${k}_paint_ms`]?.p95, 35);
target('scroll frame p95 ≤ 16.7 ms (no dropped frame; ±0.5 ms rAF jitter)', med('scroll_p95_ms'), 16.7, 'ms', 0.5);
target('export 1,000×50 ≤ 0.2 s', med('export_ms'), 200);
target('import 1,000×50 ≤ 0.3 s', med('import_ms'), 300);
target('export 1,000×50, other format ≤ 0.2 s', med('export_other_ms'), 200);
target('import 1,000×50, other format ≤ 0.3 s', med('import_other_ms'), 300);
target('start-up (empty) ≤ 0.3 s', med('startup_empty_ms'), 300);
target('start-up (1,000 docs) ≤ 0.3 s', med('startup_workspace_ms'), 300);
target('shell ≤ 200 KB brotli', results.shell ? results.shell.brotli / 1000 : null, 200, 'KB');
results.targets = T;

await writeFile(join(BENCH, 'results.json'), JSON.stringify(results, null, 2) + '\n');
await writeReports(results, BENCH);
log('wrote bench/results.json, bench/results.md, bench/chart.svg');
