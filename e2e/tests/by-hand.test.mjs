// Work by hand (issue 17): a news page pasted with its chrome gives the right title, date and
// byline and no chrome; a quote linked to its speaker by keyboard and by mouse, shown on both
// ends, deleted and undone; a figure's typed attributes (a bad number refused) exported; a span
// boundary moved by keys and by dragging its handle; a document deleted and restored by undo;
// a reload keeps all of it. The article is invented.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, assertNoProblems } from '../spanmark-page.mjs';
import { offsetsOf } from '../fixtures.mjs';

/** Page text as copied from a (made-up) news site: menus, share row, photo labels, a caption twice. */
const PAGE = [
  'Close',
  'Home News World Business Sport Climate',
  'Flood defences hold as the Orla peaks in Valmora',
  'By Lena Ortiz and Tomás Brenner',
  '5 March 2024',
  'Share',
  'Facebook Twitter WhatsApp Email',
  'Photo: Valmora Herald / Staff',
  'Volunteers stack sandbags along the Orla embankment on Monday night.',
  '“We will not let the water in,” said Mayor Ana Ruiz at the town hall. About 2,000 people were moved to shelters.',
  'Sign up for our newsletter',
  'The council said at least 646 homes were evacuated, and the levee held overnight.',
  'Photo: Valmora Herald / Staff',
  'Volunteers stack sandbags along the Orla embankment on Monday night.',
  'Residents expect more rain on Thursday.',
].join('\n');

const ARTICLE = [
  'Flood defences hold as the Orla peaks in Valmora',
  'Volunteers stack sandbags along the Orla embankment on Monday night.',
  '“We will not let the water in,” said Mayor Ana Ruiz at the town hall. About 2,000 people were moved to shelters.',
  'The council said at least 646 homes were evacuated, and the levee held overnight.',
  'Residents expect more rain on Thursday.',
].join('\n');

let session, env, app, page;

const byId = (id) => app.byTestId(id);
const row = (label) => page.locator(`[data-testid="span-item"][data-label="${label}"]`);
const relationItems = () => page.locator('[data-testid="relation-item"]');
const idOf = async (label) => Number(await row(label).getAttribute('data-id'));
const spanOf = async (label) => {
  const r = row(label);
  return [Number(await r.getAttribute('data-start')), Number(await r.getAttribute('data-end'))];
};

/** The relation rows as { kind, from, to } (each relation is listed under both of its ends). */
async function relations() {
  return relationItems().evaluateAll((items) => items.map((el) => ({
    kind: el.dataset.kind, from: Number(el.dataset.from), to: Number(el.dataset.to),
  })));
}

async function waitRelationItems(n) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="relation-item"]').length === n, n);
}

/** Clicks the middle of code points start..end of the reader's text. */
async function clickText(start, end) {
  await app.scrollIntoView(start);
  const a = await app.pointAt(start);
  const b = await app.pointAt(end, 'end');
  await page.mouse.click((a.x + b.x) / 2, a.y);
}

before(async () => {
  session = await startApp();
  ({ env, app } = session);
  page = app.page;
});

after(async () => {
  await session?.stop();
});

test('a pasted news page: title, byline and date found, its chrome listed and left out', async () => {
  if (!(await byId('paste-text').isVisible())) await byId('new-document').click();
  await byId('paste-text').fill(PAGE);
  // Read as soon as the text settles.
  await page.waitForFunction(() => document.querySelector('[data-testid="paste-title"]').value !== '');
  assert.equal(await byId('paste-title').inputValue(), 'Flood defences hold as the Orla peaks in Valmora');
  assert.equal(await byId('paste-byline').inputValue(), 'Lena Ortiz and Tomás Brenner');
  assert.equal(await byId('paste-date').inputValue(), '2024-03-05');
  const listed = await page.locator('[data-testid="paste-chrome-item"] q').allTextContents();
  for (const line of ['Close', 'Sign up for our newsletter', 'Facebook Twitter WhatsApp Email', 'Photo: Valmora Herald / Staff']) {
    assert.ok(listed.includes(line), `${line} is listed as left out: ${JSON.stringify(listed)}`);
  }
  // Nothing is dropped unseen: each listed line can be kept (and unticked again).
  const keep = page.locator('[data-testid="paste-chrome-keep"]').first();
  await keep.check();
  await keep.uncheck();
  await byId('paste-source').fill('https://valmora-herald.example/news/flood-defences');
  await byId('paste-submit').click();
  await byId('doc-text').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="doc-text"]').textContent.length > 0);
  assert.equal(await app.docText(), ARTICLE);
  assert.equal(await page.locator('.reader-title').textContent(), 'Flood defences hold as the Orla peaks in Valmora');
  const meta = await byId('doc-meta').textContent();
  assert.match(meta, /By Lena Ortiz and Tomás Brenner/);
  assert.match(meta, /2024-03-05/);
  assert.match(await byId('doc-about').first().textContent(), /2024-03-05 · valmora-herald\.example/);
});

test('a speaker label of its own; a quote linked to its speaker by keyboard, shown on both ends', async () => {
  const [qs, qe] = offsetsOf(ARTICLE, '“We will not let the water in,”');
  const [ss, se] = offsetsOf(ARTICLE, 'Mayor Ana Ruiz');
  await app.dragSelect(qs, qe);
  await page.keyboard.press('2');
  await app.dragSelect(ss, se);
  await page.keyboard.press('4');
  await app.waitForSpanCount(2);
  assert.equal(await row('speaker').locator('[data-testid="span-label"]').inputValue(), 'speaker');
  const [quote, speaker] = [await idOf('quote'), await idOf('speaker')];

  // The speaker is selected (just tagged): p selects the quote, r starts a link, n reaches the
  // speaker, Enter ends it there with the preselected kind.
  await page.keyboard.press('p');
  await page.keyboard.press('r');
  await byId('link-bar').waitFor();
  assert.match(await byId('relation-kind').locator('option:checked').textContent(), /said-by/);
  await page.keyboard.press('n');
  await page.keyboard.press('Enter');
  await waitRelationItems(2);
  assert.deepEqual(await relations(), [
    { kind: 'said-by', from: quote, to: speaker },
    { kind: 'said-by', from: quote, to: speaker },
  ]);
  assert.equal(await row('quote').locator('[data-testid="relation-item"]').getAttribute('data-direction'), 'out');
  assert.equal(await row('speaker').locator('[data-testid="relation-item"]').getAttribute('data-direction'), 'in');
  // The quote is selected again: its speaker is marked in the text.
  await page.mouse.move(5, 5);
  await page.waitForFunction((s) => document.querySelector('[data-testid="doc-text"]').dataset.linked === String(s), speaker);
  assert.equal(await byId('doc-text').getAttribute('data-linked'), String(speaker));

  // Deleted, then undone.
  await row('speaker').locator('[data-testid="relation-delete"]').click();
  await waitRelationItems(0);
  await page.keyboard.press('Control+z');
  await waitRelationItems(2);

  // w links a selected quote to the nearest speaker: first delete the link, then press w.
  await row('quote').locator('[data-testid="relation-delete"]').click();
  await waitRelationItems(0);
  await row('quote').locator('.covered').click();
  await page.keyboard.press('w');
  await waitRelationItems(2);
  assert.deepEqual((await relations())[0], { kind: 'said-by', from: quote, to: speaker });
});

test('a quote linked to its speaker by mouse; deleted and undone', async () => {
  await row('quote').locator('[data-testid="relation-delete"]').click();
  await waitRelationItems(0);
  const [qs, qe] = offsetsOf(ARTICLE, 'We will not');
  const [ss, se] = offsetsOf(ARTICLE, 'Ana Ruiz');
  await clickText(qs, qe);
  assert.equal(await byId('span-details').locator('strong').textContent(), 'quote');
  await byId('relation-start').click();
  await byId('link-bar').waitFor();
  await clickText(ss, se);
  await waitRelationItems(2);
  const [quote, speaker] = [await idOf('quote'), await idOf('speaker')];
  assert.deepEqual((await relations())[0], { kind: 'said-by', from: quote, to: speaker });
  // Hovering the speaker marks its quote.
  await app.pointAt(ss).then(({ x, y }) => page.mouse.move(x + 3, y));
  await page.waitForFunction((q) => document.querySelector('[data-testid="doc-text"]').dataset.linked === String(q), quote);
  await page.mouse.move(5, 5);

  await row('quote').locator('[data-testid="relation-delete"]').click();
  await waitRelationItems(0);
  await byId('undo').click();
  await waitRelationItems(2);
});

test('a figure\'s attributes typed, a bad number refused, exported as typed values', async () => {
  const [fs, fe] = offsetsOf(ARTICLE, '2,000 people');
  await app.dragSelect(fs, fe);
  await page.keyboard.press('3');
  await app.waitForSpanCount(3);
  const attr = (name) => byId('span-details').locator(`[data-testid="span-attr"][data-attr="${name}"]`);
  await attr('value').fill('about two thousand');
  await attr('value').press('Enter');
  await byId('span-attr-error').waitFor();
  assert.match(await byId('span-attr-error').textContent(), /not a number — write digits, e\.g\. 2000/);
  await attr('value').fill('2,000');
  await attr('value').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="span-attr-error"]').hidden);
  await attr('unit').fill('people');
  await attr('unit').press('Tab');
  await attr('qualifier').selectOption('about');
  await attr('quantity').fill('people moved to shelters');
  await attr('quantity').press('Enter');
  assert.equal(await attr('value').inputValue(), '2000');

  const { text } = await app.exportJsonl();
  const line = text.trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.title.startsWith('Flood defences'));
  const figure = line.spans.find((s) => s.label === 'figure');
  assert.deepEqual(figure.attributes, { value: 2000, unit: 'people', qualifier: 'about', quantity: 'people moved to shelters' });
  const quote = line.spans.find((s) => s.label === 'quote');
  const speaker = line.spans.find((s) => s.label === 'speaker');
  assert.deepEqual(line.relations.map(({ from, to, kind }) => ({ from, to, kind })), [{ from: quote.id, to: speaker.id, kind: 'said-by' }]);
  assert.equal(line.published, '2024-03-05');
  assert.equal(line.byline, 'Lena Ortiz and Tomás Brenner');
  assert.equal(line.source, 'https://valmora-herald.example/news/flood-defences');
});

test('a boundary moved by keys and by dragging its handle; undoable', async () => {
  const [ss, se] = offsetsOf(ARTICLE, 'Mayor Ana Ruiz');
  await row('speaker').locator('.covered').click();
  await page.keyboard.press('Alt+Shift+ArrowDown');
  await page.waitForFunction((s) => document.querySelector('[data-testid="span-item"][data-label="speaker"]').dataset.start === String(s), ss + 1);
  await page.keyboard.press('Control+Alt+Shift+ArrowDown');
  const [ana] = offsetsOf(ARTICLE, 'Ana Ruiz');
  await page.waitForFunction((s) => document.querySelector('[data-testid="span-item"][data-label="speaker"]').dataset.start === String(s), ana);
  await page.keyboard.press('Control+Alt+Shift+ArrowUp');
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await page.waitForFunction(([s, e]) => {
    const r = document.querySelector('[data-testid="span-item"][data-label="speaker"]');
    return r.dataset.start === String(s) && r.dataset.end === String(e);
  }, [ss, se - 1]);
  await page.keyboard.press('Control+z');
  await page.waitForFunction((e) => document.querySelector('[data-testid="span-item"][data-label="speaker"]').dataset.end === String(e), se);
  assert.deepEqual(await spanOf('speaker'), [ss, se]);

  // Drag the end handle to the end of "town hall".
  const [, hallEnd] = offsetsOf(ARTICLE, 'Mayor Ana Ruiz at the town hall');
  await byId('handle-end').waitFor();
  const box = await byId('handle-end').boundingBox();
  const to = await app.pointAt(hallEnd, 'end');
  // The knob below the bar is what is grabbed.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height + 4);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction((e) => document.querySelector('[data-testid="span-item"][data-label="speaker"]').dataset.end === String(e), hallEnd);
  await page.keyboard.press('Control+z');
  await page.waitForFunction((e) => document.querySelector('[data-testid="span-item"][data-label="speaker"]').dataset.end === String(e), se);
  await page.keyboard.press('Control+Shift+Z');
  await page.waitForFunction((e) => document.querySelector('[data-testid="span-item"][data-label="speaker"]').dataset.end === String(e), hallEnd);
});

test('a document deleted (asked first) and restored with its spans by undo', async () => {
  await app.paste('Second article', 'A short second article about the weather.');
  assert.equal(await page.locator('[data-testid="doc-item"]').count(), 2);
  const first = page.locator('[data-testid="doc-item"]').filter({ hasText: 'Flood defences' });
  await first.locator('button').first().click();
  await app.waitForSpanCount(3);
  await first.locator('[data-testid="doc-delete"]').click();
  await byId('doc-delete-confirm').waitFor();
  assert.match(await byId('doc-delete-confirm').textContent(), /3 span/);
  await byId('doc-delete-yes').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="doc-item"]').length === 1);
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="doc-item"]').length === 2);
  await first.locator('button').first().click();
  await app.waitForSpanCount(3);
  await waitRelationItems(2);
  // Sorted by date, the dated article comes first.
  await byId('doc-sort').selectOption('date');
  assert.match(await page.locator('[data-testid="doc-item"]').first().textContent(), /Flood defences/);
});

test('a reload keeps the relation, the attributes, the boundary and the document details', async () => {
  const before = await app.spans();
  await app.waitSaved();
  await page.reload();
  await app.open();
  await page.waitForFunction(() => document.documentElement.dataset.workspace === 'loaded');
  const first = page.locator('[data-testid="doc-item"]').filter({ hasText: 'Flood defences' });
  await first.locator('button').first().click();
  await app.waitForSpanCount(3);
  assert.deepEqual(await app.spans(), before);
  await waitRelationItems(2);
  await row('figure').locator('.covered').click();
  const attr = (name) => byId('span-details').locator(`[data-testid="span-attr"][data-attr="${name}"]`);
  assert.equal(await attr('value').inputValue(), '2000');
  assert.equal(await attr('qualifier').inputValue(), 'about');
  const meta = await byId('doc-meta').textContent();
  assert.match(meta, /Lena Ortiz and Tomás Brenner · 2024-03-05 · https:\/\/valmora-herald\.example/);
  assert.equal(await app.docText(), ARTICLE);
  // The keys are listed in the ? overlay.
  await page.keyboard.press('?');
  const help = await byId('help').textContent();
  for (const key of ['Alt+Shift+← / →', 'Alt+Shift+↑ / ↓', 'Shift+Delete']) assert.ok(help.includes(key), key);
  await page.keyboard.press('Escape');
  assertNoProblems(env);
});
