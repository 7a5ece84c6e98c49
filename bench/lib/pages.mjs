// The pages the cases drive: the app with in-page instrumentation (installed before its scripts
// run), and the reference pages (floor, peer) served under /__bench/.
import { log } from './runner.mjs';

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

/** A new page in `ctx`, instrumented: the list counts as ready with `expectDocs` documents (and `expectText`). */
export async function appPage(ctx, expectDocs = 0, expectText = false) {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await page.addInitScript(instrument, [expectDocs, expectText]);
  return page;
}

/** Opens the app at `url`: resolves when the list is ready and painted, and the whole workspace read. */
export async function gotoReady(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.readyAt != null && window.__bench.paintedAt != null, null, { timeout: 60_000 });
  // Builds before the two-step start-up load everything before the list shows (no data-workspace).
  await page.waitForFunction(() => window.__bench.loadedAt != null || !document.documentElement.hasAttribute('data-workspace'), null, { timeout: 60_000 });
  return page.evaluate(() => ({ ready: window.__bench.readyAt, painted: window.__bench.paintedAt, loaded: window.__bench.loadedAt }));
}
export const waitSaved = (page, timeout = 60_000) => page.waitForFunction(() => document.documentElement.dataset.saveState === 'saved', null, { timeout, polling: 50 });
export async function importJsonl(page, name, text) {
  await page.locator('[data-testid="import-file"]').setInputFiles({ name, mimeType: 'application/jsonl', buffer: Buffer.from(text, 'utf8') });
}

/** Opens the document titled `title` by clicking its list item; times click → text → 2 rAF. */
export async function openDoc(page, title, len) {
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

export const spanCount = (page) => page.evaluate(() => {
  const h = [...document.querySelectorAll('h2')].map((x) => x.textContent.match(/^Spans \((\d+)\)/)).find(Boolean);
  return h ? Number(h[1]) : null;
});

/** Runs one keyboard edit and reads its timings from the page. */
export async function timedKey(page, key) {
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
export async function pickSpanItem(page, seed) {
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

/** Steps `selector` by `step` px per frame from top to bottom; the rAF timestamp deltas. */
export async function scrollFrames(page, selector, step) {
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
  }, { selector, step });
}

/** A reference page (`floor` or `peer`) in a fresh context, with article `key` loaded. */
export async function refPage(b, kind, key) {
  const ctx = await b.newContext();
  const page = await ctx.newPage();
  page.on('pageerror', (e) => log(`${kind} page error: ${e.message}`));
  await page.goto(`${b.url}__bench/pages/${kind}.html`);
  await page.evaluate((key) => window.bench.load(key), key);
  return { ctx, page };
}
