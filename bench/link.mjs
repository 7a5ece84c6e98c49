// Linking across 10,000 articles in the browser (issue 20): the release build, a generated
// workspace of 10,000 articles (~30 MB, from `crates/core/examples/link_bench.rs --write`, the same
// events, outlets and figures as the native figure), imported once; then, per run, the page is
// reloaded (the workspace read back from the browser's storage) and the Stories view opened, which
// links every document in the Web Worker. Reports the app's `spanmark-link` measure (the documents
// encoded and handed to the worker → the links back and read; of it on the page's thread
// `spanmark-link-encode` and `spanmark-link-read`), the longest main-thread task while it ran,
// the page's JS heap and the worker's WebAssembly memory.
//
//   cargo run --release -p spanmark-core --example link_bench -- 10000 --write /tmp/link10k.jsonl
//   node bench/link.mjs --dist dist --input /tmp/link10k.jsonl [--runs 3]
//
// (add `--suggest` to both for articles without spans: suggestions then stand in.)
// playwright-core comes from bench/ or e2e/ node_modules.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, CHROMIUM_OPTIONS } from '../testing/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const from = ['bench', 'e2e'].map((d) => join(here, '..', d, 'node_modules', 'playwright-core')).find(existsSync);
if (!from) throw new Error('playwright-core is missing: run npm ci in bench/ or e2e/');
const { chromium } = createRequire(import.meta.url)(from);

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const dist = resolve(arg('--dist', join(here, '..', 'dist')));
const input = arg('--input', '/tmp/link10k.jsonl');
const runs = Number(arg('--runs', 3));

const text = await readFile(input, 'utf8');
const count = text.split('\n').filter((l) => l.trim()).length;
const server = await serve(dist);
const browser = await chromium.launch({ ...CHROMIUM_OPTIONS, args: [...CHROMIUM_OPTIONS.args, '--enable-precise-memory-info'] });
try {
  const ctx = await browser.newContext({ acceptDownloads: false });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  const loaded = () => page.waitForFunction(() => document.documentElement.dataset.workspace === 'loaded', null, { timeout: 300_000 });
  await page.goto(server.url);
  await page.waitForSelector('[data-testid="doc-list"]', { state: 'attached' });
  await page.locator('[data-testid="import-file"]').setInputFiles({ name: 'link10k.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(text, 'utf8') });
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="doc-list"]')?.dataset.count) === n, count, { timeout: 300_000 });
  await page.waitForFunction(() => document.documentElement.dataset.saveState === 'saved', null, { timeout: 300_000 });
  const results = [];
  for (let run = 0; run < runs; run++) {
    await page.reload();
    await loaded();
    // Long main-thread tasks while linking runs (the page stays responsive if none is long).
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: 'longtask' });
      for (const m of ['spanmark-link', 'spanmark-link-encode', 'spanmark-link-read']) performance.clearMeasures(m);
    });
    await page.locator('[data-testid="stories-open"]').click();
    await page.waitForFunction(() => performance.getEntriesByName('spanmark-link').length > 0, null, { timeout: 300_000, polling: 50 });
    await page.locator('[data-testid="stories-progress"][data-state="done"]').waitFor({ timeout: 300_000 });
    const r = await page.evaluate(() => ({
      ms: performance.getEntriesByName('spanmark-link')[0].duration,
      encodeMs: performance.getEntriesByName('spanmark-link-encode')[0]?.duration ?? 0,
      readMs: performance.getEntriesByName('spanmark-link-read')[0]?.duration ?? 0,
      longestTask: window.__longest,
      heapMB: performance.memory ? performance.memory.usedJSHeapSize / 1e6 : null,
      workerWasmMB: (globalThis.spanmarkLinkMemory ?? 0) / 1e6,
      progress: document.querySelector('[data-testid="stories-progress"]').textContent,
    }));
    console.error(`run ${run + 1}: ${r.ms.toFixed(0)} ms (page's thread: encode ${r.encodeMs.toFixed(0)} ms, read links ${r.readMs.toFixed(0)} ms); longest main-thread task ${r.longestTask.toFixed(0)} ms; ` +
      `page heap ${r.heapMB?.toFixed(0)} MB; worker wasm ${r.workerWasmMB.toFixed(0)} MB; ${r.progress}`);
    results.push(r);
    await page.keyboard.press('Escape');
  }
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  console.log(JSON.stringify({
    articles: count, megabytes: Buffer.byteLength(text) / 1e6, runs,
    medianMs: Math.round(ms[Math.floor(ms.length / 2)]), runsMs: results.map((r) => Math.round(r.ms)),
    encodeMs: results.map((r) => Math.round(r.encodeMs)), readLinksMs: results.map((r) => Math.round(r.readMs)),
    longestMainThreadTaskMs: Math.round(Math.max(...results.map((r) => r.longestTask))),
    pageHeapMB: Math.round(Math.max(...results.map((r) => r.heapMB ?? 0))),
    workerWasmMB: Math.round(Math.max(...results.map((r) => r.workerWasmMB))),
  }, null, 1));
} finally {
  await browser.close();
  await server.close();
}
