// Nothing a user makes is lost: an edit is durable the moment the key is pressed (a tab closed
// right after keeps it), two tabs never overwrite each other (one writes, the other pauses and
// says so until the user takes over), a damaged record loses only itself, and undo survives a
// reload. SPANMARK_KILL_CYCLES sets the number of close-after-key cycles (CI runs a few; run 100
// or more by hand).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, SpanmarkPage } from '../spanmark-page.mjs';
import { offsetsOf } from '../fixtures.mjs';

const CYCLES = Number(process.env.SPANMARK_KILL_CYCLES || 12);

/** A long synthetic wire story: one numbered paragraph per cycle, curly quotes and an emoji. */
function wireStory(n) {
  const paras = ['RIVERTON, March 3 (Wire) — Flood update 🌊 for the valley.'];
  for (let i = 1; i <= n; i++) {
    paras.push(`Item ${i}: officials said “about ${i * 40} homes” in district ${i} were cleared.`);
  }
  return paras.join('\n\n');
}

let session;

before(async () => {
  session = await startApp({ app: false });
});

after(async () => {
  await session?.stop();
});

/** Waits until the tab writes (or is paused) and has read the whole workspace. */
async function waitWriter(app, state) {
  await app.page.waitForFunction((s) => {
    const root = document.documentElement.dataset;
    return root.writer === s && root.workspace === 'loaded';
  }, state);
}

async function loaded(app) {
  await app.page.waitForFunction(() => document.documentElement.dataset.workspace === 'loaded');
}

async function exportedSpans(app) {
  await loaded(app);
  const { text } = await app.exportJsonl();
  return text.trim().split('\n').map((l) => JSON.parse(l)).flatMap((d) => d.spans.map((s) => ({ doc: d.title, ...s })));
}

test(`a tab closed 0–300 ms after the key press keeps the edit (${CYCLES} cycles)`, async () => {
  const story = wireStory(CYCLES);
  const { env, app: first } = await session.fresh();
  await first.paste('Flood wire', story);
  await first.page.close({ runBeforeUnload: false });
  const delays = [];
  for (let i = 1; i <= CYCLES; i++) {
    const app = new SpanmarkPage(await env.ctx.newPage(), session.server.url);
    await app.open();
    await loaded(app);
    await waitWriter(app, 'writing');
    await app.byTestId('doc-text').waitFor();
    // The span list draws only the rows in view: the document list's count says how many there are.
    const count = () => app.page.locator('[data-testid="doc-item"] .count').first().textContent();
    await app.page.waitForFunction((n) => document.querySelector('[data-testid="doc-item"] .count')?.textContent === String(n), i - 1)
      .catch(async () => assert.fail(`cycle ${i}: the list counts ${await count()} spans, ${i - 1} expected`));
    const [s, e] = offsetsOf(story, `Item ${i}:`);
    await app.dragSelect(s, e - 1);
    const delay = Math.floor(Math.random() * 301);
    delays.push(delay);
    await app.page.keyboard.press('1');
    await new Promise((ok) => setTimeout(ok, delay));
    await app.page.close({ runBeforeUnload: false });
  }
  const app = new SpanmarkPage(await env.ctx.newPage(), session.server.url);
  await app.open();
  const spans = await exportedSpans(app);
  const lost = [];
  for (let i = 1; i <= CYCLES; i++) {
    const [s] = offsetsOf(story, `Item ${i}:`);
    if (!spans.some((x) => x.start === s && x.label === 'claim')) lost.push(`cycle ${i} (closed ${delays[i - 1]} ms after the key)`);
  }
  assert.deepEqual(lost, [], `lost edits: ${lost.join(', ')}`);
  assert.equal(spans.length, CYCLES);
  await env.ctx.close();
});

test('two tabs: one writes, the other pauses and says so; taking over reads what the other saved', async () => {
  const story = wireStory(4);
  const { env, app: a } = await session.fresh();
  await a.paste('Two tabs', story);
  await waitWriter(a, 'writing');
  const b = await session.newAppIn(env);
  await waitWriter(b, 'paused');
  await b.byTestId('tab-paused').waitFor({ state: 'visible' });
  assert.match(await b.byTestId('tab-paused').textContent(), /open in another tab.*paused/);

  // A paused tab refuses edits and says why; nothing changes.
  const tag = async (app, needle, key) => {
    const [s, e] = offsetsOf(story, needle);
    await app.dragSelect(s, e);
    await app.page.keyboard.press(key);
  };
  await b.waitForSpanCount(0);
  await tag(b, 'about 40 homes', '3');
  await b.byTestId('notice').waitFor({ state: 'visible' });
  assert.match(await b.byTestId('notice').textContent(), /editing here is paused/);
  await b.waitForSpanCount(0);

  // B takes over and tags a quote; A pauses at once.
  await b.byTestId('take-over').click();
  await waitWriter(b, 'writing');
  await waitWriter(a, 'paused');
  await a.byTestId('tab-paused').waitFor({ state: 'visible' });
  await b.waitForSpanCount(0);
  await tag(b, '“about 40 homes”', '2');
  await b.waitForSpanCount(1);

  // A takes over: it reads B's quote, tags a figure.
  await a.byTestId('take-over').click();
  await waitWriter(a, 'writing');
  await waitWriter(b, 'paused');
  await a.waitForSpanCount(1);
  await tag(a, 'about 80 homes', '3');
  await a.waitForSpanCount(2);
  // A label-set edit here...
  await a.byTestId('labels-open').click();
  await a.byTestId('label-new-name').fill('district');
  await a.byTestId('label-new-key').fill('d');
  await a.byTestId('label-add').click();
  await a.page.keyboard.press('Escape');
  // ...while the paused tab's import is refused, not merged over it.
  const jsonl = JSON.stringify({ id: 'wire-2', title: 'Imported', text: 'A second story.', spans: [] }) + '\n';
  await b.importFile('other.jsonl', jsonl);
  await b.byTestId('notice').waitFor({ state: 'visible' });
  assert.match(await b.byTestId('notice').textContent(), /editing here is paused/);

  // B takes over again: the figure and the new label are there; a second quote.
  await b.byTestId('take-over').click();
  await waitWriter(b, 'writing');
  await b.waitForSpanCount(2);
  await b.byTestId('label-district').waitFor();
  await tag(b, '“about 120 homes”', '2');
  await b.waitForSpanCount(3);
  await b.importFile('other.jsonl', jsonl);
  await b.page.waitForFunction(() => document.querySelector('[data-testid="doc-list"]').dataset.count === '2');
  await b.waitSaved();

  // A fresh tab shows all of it.
  const c = await session.newAppIn(env);
  await waitWriter(c, 'paused');
  const spans = await exportedSpans(c);
  const texts = spans.map((s) => `${s.label}:${s.text}`).sort();
  assert.deepEqual(texts, ['figure:about 80 homes', 'quote:“about 120 homes”', 'quote:“about 40 homes”']);
  const { text } = await c.exportJsonl();
  assert.equal(text.trim().split('\n').length, 2, 'both documents');
  await env.ctx.close();
});

test('a damaged saved record loses only itself, named; the rest loads and exports', async () => {
  const { env, app } = await session.fresh();
  const story = wireStory(3);
  await app.paste('Kept story', story);
  const [s, e] = offsetsOf(story, 'about 40 homes');
  await app.dragSelect(s, e);
  await app.page.keyboard.press('3');
  await app.waitForSpanCount(1);
  await app.paste('Damaged story', 'Officials said 12 roads were closed.');
  const [s2, e2] = offsetsOf('Officials said 12 roads were closed.', '12 roads');
  await app.dragSelect(s2, e2);
  await app.page.keyboard.press('3');
  await app.waitForSpanCount(1);
  await app.waitSaved();
  // Damage the second document's annotations record in place.
  await app.page.evaluate(() => new Promise((ok, fail) => {
    const req = indexedDB.open('spanmark');
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(['texts', 'annotations'], 'readwrite');
      const texts = tx.objectStore('texts').getAll();
      texts.onsuccess = () => {
        const damaged = texts.result.map((t) => JSON.parse(t)).find((t) => t.title === 'Damaged story');
        tx.objectStore('annotations').put('{"id": "truncated', damaged.id);
      };
      tx.oncomplete = () => { db.close(); ok(); };
      tx.onerror = () => fail(tx.error);
    };
    req.onerror = () => fail(req.error);
  }));
  await app.page.close({ runBeforeUnload: false });
  const again = await session.newAppIn(env);
  await loaded(again);
  await again.byTestId('error').waitFor({ state: 'visible' });
  assert.match(await again.byTestId('error').textContent(), /annotations of document .* unreadable.*Damaged story/s);
  const spans = await exportedSpans(again);
  assert.deepEqual(spans.map((x) => `${x.doc}:${x.text}`), ['Kept story:about 40 homes']);
  const { text } = await again.exportJsonl();
  assert.equal(text.trim().split('\n').length, 2, 'the damaged document is still there, without spans');
  await env.ctx.close();
});

test('undo survives a reload', async () => {
  const { env, app } = await session.fresh();
  const story = wireStory(3);
  await app.paste('Undo story', story);
  for (const [needle, key] of [['about 40 homes', '3'], ['about 80 homes', '3']]) {
    const [s, e] = offsetsOf(story, needle);
    await app.dragSelect(s, e);
    await app.page.keyboard.press(key);
  }
  await app.waitForSpanCount(2);
  await app.waitSaved();
  await app.page.reload();
  await app.open();
  await loaded(app);
  await waitWriter(app, 'writing');
  await app.waitForSpanCount(2);
  await app.page.keyboard.press('Control+z');
  await app.waitForSpanCount(1);
  assert.deepEqual((await app.spans()).map((x) => x.start), [offsetsOf(story, 'about 40 homes')[0]]);
  await app.page.keyboard.press('Control+Shift+z');
  await app.waitForSpanCount(2);
  await env.ctx.close();
});
