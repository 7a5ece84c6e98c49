// Start-up reads the document list's summary and the open document first, then the rest of the
// workspace in slices. What the user sees and does meanwhile must come out the same as after a
// full load: every document listed with its counts, the open one shown, edits and documents
// made while loading kept, and whole-workspace actions (export) covering every document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from '../spanmark-page.mjs';

let ctx;
before(async () => { ctx = await startApp(); });
after(async () => { await ctx?.stop(); });

/** A native span from UTF-16 indices into `text`. */
function span(id, text, from, to, label) {
  const cp = (i) => [...text.slice(0, i)].length;
  return { id, start: cp(from), end: cp(to), start_utf16: from, end_utf16: to, label, text: text.slice(from, to) };
}

/** A native JSONL workspace of `n` small documents, each with two spans. */
function workspace(n) {
  const lines = [];
  for (let i = 1; i <= n; i++) {
    const text = `Item ${i}: the council said “spending rose 4%” in Tabriz 🚲.`;
    const quote = text.indexOf('“');
    const figure = text.indexOf('4%');
    lines.push(JSON.stringify({
      schema: 'spanmark/1', offset_unit: 'codepoint', id: `s-${String(i).padStart(4, '0')}`,
      title: `Start-up report ${i}`, source: null, added_at: 1_700_000_000_000 + i, line_endings_normalised: false,
      text, done: i % 3 === 0,
      spans: [
        span(1, text, quote, text.indexOf('”') + 1, 'quote'),
        span(2, text, figure, figure + 2, 'figure'),
      ],
      relations: [],
    }));
  }
  return lines.join('\n') + '\n';
}

const loaded = (page) => page.waitForFunction(() => document.documentElement.dataset.workspace === 'loaded');
const listed = (page) => page.evaluate(() => Number(document.querySelector('[data-testid="doc-list"]').dataset.count));

test('the list shows every saved document with its counts before the rest loads, and the load completes it', async () => {
  const { app } = ctx;
  await app.byTestId('import-file').setInputFiles({ name: 'ws.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(workspace(600)) });
  await app.page.waitForFunction(() => document.querySelector('[data-testid="doc-list"]')?.dataset.count === '600');
  await app.waitSaved();

  // Reload: the list is drawn from the summary; the whole workspace follows.
  await app.page.addInitScript(() => {
    new MutationObserver(() => {
      if (window.__listedWhile == null && document.querySelector('[data-testid="doc-list"]')?.dataset.count === '600') {
        window.__listedWhile = document.documentElement.dataset.workspace;
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await app.page.reload();
  await app.page.waitForFunction(() => document.querySelector('[data-testid="doc-list"]')?.dataset.count === '600');
  const firstRow = app.byTestId('doc-item').first();
  assert.equal(await firstRow.locator('.title').textContent(), 'Start-up report 1');
  assert.equal(await firstRow.locator('.count').textContent(), '2');
  assert.match(await firstRow.locator('.per-label').textContent(), /1 quote, 1 figure/);
  assert.match(await app.byTestId('doc-progress').textContent(), /200 \/ 600 done/);
  await loaded(app.page);
  assert.equal(await app.page.evaluate(() => window.__listedWhile), 'loading', 'the list showed before the full load');
  assert.equal(await listed(app.page), 600);
  assert.match(await app.byTestId('doc-progress').textContent(), /200 \/ 600 done/);

  // Whole-workspace export after the load has every document and span.
  const { text } = await app.exportJsonl();
  const docs = text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(docs.length, 600);
  assert.equal(docs.reduce((n, d) => n + d.spans.length, 0), 1200);
  assert.equal(docs[599].title, 'Start-up report 600');
});

test('work done while the workspace is still loading is kept and saved', async () => {
  const { app } = ctx;
  await app.page.reload();
  // Act at once, without waiting for the load: open another document, tag in it, paste a new one.
  await app.page.waitForFunction(() => document.querySelector('[data-testid="doc-list"]')?.dataset.count === '600');
  await app.byTestId('doc-item').nth(2).locator('button').click();
  await app.page.waitForFunction(() => document.querySelector('[data-testid="doc-text"]')?.textContent.startsWith('Item 3:'));
  const text = await app.docText();
  const s = [...text.slice(0, text.indexOf('Tabriz'))].length;
  await app.dragSelect(s, s + 6);
  await app.page.keyboard.press('1');
  await app.waitForSpanCount(3);
  await app.paste('Pasted while loading', 'A new article, pasted at once: « bonjour » 👋.');
  await loaded(app.page);
  await app.waitSaved();
  assert.equal(await listed(app.page), 601);

  await app.page.reload();
  await loaded(app.page);
  assert.equal(await listed(app.page), 601);
  const { text: out } = await app.exportJsonl();
  const docs = out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(docs.length, 601);
  const third = docs.find((d) => d.id === 's-0003');
  assert.deepEqual(third.spans.map((sp) => sp.text).sort(), ['4%', 'Tabriz', '“spending rose 4%”'].sort());
  assert.equal(docs.at(-1).title, 'Pasted while loading');
  assert.equal(docs.filter((d) => d.spans.length === 2).length, 599);
});

test('a workspace saved without a list summary (older version) loads in full and gains one', async () => {
  const { app } = ctx;
  await app.page.evaluate(() => new Promise((ok, fail) => {
    const req = indexedDB.open('spanmark');
    req.onsuccess = () => {
      const tx = req.result.transaction('meta', 'readwrite');
      tx.objectStore('meta').delete('summary');
      tx.oncomplete = () => { req.result.close(); ok(); };
      tx.onerror = () => fail(tx.error);
    };
  }));
  await app.page.reload();
  await loaded(app.page);
  assert.equal(await listed(app.page), 601);
  await app.waitSaved();
  const summary = await app.page.evaluate(() => new Promise((ok) => {
    const req = indexedDB.open('spanmark');
    req.onsuccess = () => {
      const get = req.result.transaction('meta').objectStore('meta').get('summary');
      get.onsuccess = () => ok(get.result);
    };
  }));
  assert.ok(summary, 'the summary is written after a full load');
  assert.equal(JSON.parse(summary).documents.length, 601);
});

test('when the rest of the workspace cannot be read, nothing is saved over it and a reload shows it all', async () => {
  const { app } = ctx;
  // Every background read of the documents fails (the list and the open document still read).
  await app.page.addInitScript(() => {
    IDBObjectStore.prototype.getAll = function () {
      throw new DOMException('The disk is unreadable.', 'UnknownError');
    };
  });
  await app.page.reload();
  await app.byTestId('error').waitFor({ state: 'visible' });
  assert.match(await app.byTestId('error').textContent(), /Could not read the whole saved workspace.*UnknownError.*saves nothing.*reload/s);
  // Work in this tab goes on, in memory only, and says it is not saved.
  await app.paste('Unsaved while unreadable', 'Written in a tab that could not read its workspace.');
  await app.page.waitForFunction(() => document.documentElement.dataset.saveState === 'error');
  assert.equal(await app.byTestId('save-state').textContent(), 'Not saved');

  // With the storage readable again, every saved document is there, and only them.
  const fresh = await app.page.context().newPage();
  await fresh.goto(app.url);
  await fresh.waitForFunction(() => document.documentElement.dataset.workspace === 'loaded');
  assert.equal(await listed(fresh), 601);
  await fresh.close();
});

test('the document list draws the rows a taller window shows, without a scroll', async () => {
  // A fresh browser context, 500 px high, with a workspace imported into it.
  const { env, app: { page } } = await ctx.fresh({ open: false });
  await page.setViewportSize({ width: 1280, height: 500 });
  await page.goto(ctx.app.url);
  await page.waitForSelector('[data-testid="doc-list"]', { state: 'attached' });
  await page.locator('[data-testid="import-file"]').setInputFiles({ name: 'ws.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(workspace(300)) });
  await page.waitForFunction(() => document.querySelector('[data-testid="doc-list"]')?.dataset.count === '300');
  const rows = () => page.evaluate(() => {
    const view = document.querySelector('.doc-list-scroll').getBoundingClientRect();
    const items = [...document.querySelectorAll('[data-testid="doc-item"]')];
    return { drawn: items.length, lastBottom: Math.max(...items.map((i) => i.getBoundingClientRect().bottom)), viewBottom: view.bottom };
  });
  const small = await rows();
  assert.ok(small.lastBottom >= small.viewBottom, 'the rows fill the list');
  await page.setViewportSize({ width: 1280, height: 2400 });
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="doc-item"]').length > n, small.drawn);
  const tall = await rows();
  assert.ok(tall.lastBottom >= tall.viewBottom, `the rows fill the taller list (${tall.lastBottom} < ${tall.viewBottom})`);
  await env.ctx.close();
});

test('after start-up the formats module loads and warms up once, while the page is idle', async () => {
  const page = await ctx.env.ctx.newPage();
  await page.goto(ctx.app.url);
  // The app records the measure only when the warm-up ran through (a trap in it would not).
  await page.waitForFunction(() => performance.getEntriesByName('spanmark-warm-up').length > 0, null, { timeout: 20_000 });
  // A file dragged over the page starts the loader again: the module, already warm, does not run
  // the warm-up twice.
  await page.evaluate(() => window.dispatchEvent(new DragEvent('dragenter')));
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 1000)));
  const measures = await page.evaluate(() => performance.getEntriesByName('spanmark-warm-up').map((m) => m.duration));
  assert.equal(measures.length, 1, `one warm-up: ${measures}`);
  assert.ok(measures[0] > 0);
  await page.close();
});
