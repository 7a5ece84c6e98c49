// Hours-long comfort: a whole session with the keyboard only, labels of one's own (rename and
// delete reaching every span), dark mode remembered, RTL selection in code points, find on a long
// document, and axe-core on every screen in light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, assertNoProblems, sliceCodePoints } from '../spanmark-page.mjs';
import { NORMALISED, offsetsOf } from '../fixtures.mjs';
import { seriousViolations } from '../a11y.mjs';

let session;

before(async () => {
  session = await startApp({ app: false });
});

after(async () => {
  await session?.stop();
});

/** A fresh context (its own storage) with the app open. */
const fresh = () => session.fresh();

const tab = async (app, testid) => {
  for (let i = 0; i < 60; i++) {
    if (await app.page.evaluate((id) => document.activeElement?.dataset?.testid === id, testid)) return;
    await app.page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testid}`);
};

test('a full session with the keyboard only', async () => {
  const { env, app } = await fresh();
  const kb = app.page.keyboard;
  // Paste two documents.
  for (const [title, text] of [['First', NORMALISED], ['Second', 'Second article: “no comment,” he said.']]) {
    await tab(app, 'new-document');
    await kb.press('Enter');
    await tab(app, 'paste-title');
    await kb.type(title);
    await kb.press('Tab');
    await app.page.evaluate((t) => navigator.clipboard === undefined || true, text);
    await kb.insertText(text);
    await tab(app, 'paste-submit');
    await kb.press('Enter');
    await app.byTestId('doc-text').waitFor();
  }
  // Back to the first document with [, select four characters from the third line, tag as claim.
  await kb.press('[');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="doc-text"]').textContent.startsWith('Weather'));
  await tab(app, 'doc-text');
  await kb.press('Control+Home');
  await kb.press('ArrowDown');
  await kb.press('ArrowDown');
  for (let i = 0; i < 4; i++) await kb.press('Shift+ArrowRight');
  await kb.press('1');
  await app.waitForSpanCount(1);
  const [first] = await app.spans();
  assert.equal(first.label, 'claim');
  assert.equal(sliceCodePoints(NORMALISED, first.start, first.end), '“The');
  // Relabel with the keyboard: focus the span's label select and choose "quote".
  await tab(app, 'span-label');
  await app.page.keyboard.press('ArrowDown');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="span-item"]')?.dataset.label === 'quote');
  // Delete it with Delete after selecting it with n, then undo.
  await app.page.locator('[data-testid="span-label"]').blur();
  await kb.press('n');
  await kb.press('Delete');
  await app.waitForSpanCount(0);
  await kb.press('Control+z');
  await app.waitForSpanCount(1);
  // Next document with ], mark it done with m.
  await kb.press(']');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="doc-text"]').textContent.startsWith('Second'));
  await kb.press('m');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="doc-progress"]').textContent.includes('1 / 2 done'));
  // The help overlay lists the keys.
  await kb.press('?');
  await app.byTestId('help').waitFor();
  assert.match(await app.byTestId('help').textContent(), /next \/ previous document/);
  await kb.press('Escape');
  await app.byTestId('help').waitFor({ state: 'detached' });
  // Export with e, then Tab to the download button and press Enter.
  await kb.press('e');
  await app.byTestId('export-format').waitFor();
  assert.equal(await app.page.evaluate(() => document.activeElement.dataset.testid), 'export-format');
  await tab(app, 'export-download');
  const [download] = await Promise.all([app.page.waitForEvent('download'), kb.press('Enter')]);
  assert.match(download.suggestedFilename(), /\.jsonl$/);
  assertNoProblems(env);
});

test('renaming and deleting a label reaches every span, and undoes', async () => {
  const { env, app } = await fresh();
  await app.paste('Labels', NORMALISED);
  for (const [needle, key] of [['Mayor Ana Ruiz', '2'], ['a warning', '2'], ['646 homes', '3']]) {
    const [s, e] = offsetsOf(NORMALISED, needle);
    await app.dragSelect(s, e);
    await app.page.keyboard.press(key);
  }
  await app.waitForSpanCount(3);
  await app.byTestId('labels-open').click();
  const quoteRow = app.page.locator('[data-testid="label-row"][data-name="quote"]');
  await quoteRow.locator('[data-testid="label-name"]').fill('Direct quote');
  await quoteRow.locator('[data-testid="label-name"]').press('Enter');
  await app.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="span-item"]')].filter((li) => li.dataset.label === 'Direct quote').length === 2);
  // A key already in use is refused and explained.
  const figureRow = app.page.locator('[data-testid="label-row"][data-name="figure"]');
  await figureRow.locator('[data-testid="label-key"]').fill('1');
  await figureRow.locator('[data-testid="label-key"]').press('Enter');
  await app.byTestId('label-error').waitFor({ state: 'visible' });
  assert.match(await app.byTestId('label-error').textContent(), /key '1' is already used by "claim"/);
  // A new label with its own key, usable at once.
  await app.byTestId('label-new-name').fill('Speaker');
  await app.byTestId('label-new-key').fill('q');
  await app.byTestId('label-add').click();
  await app.page.locator('[data-testid="label-row"][data-name="Speaker"]').waitFor();
  // Delete "Direct quote": asks first, says how many spans go.
  await app.page.locator('[data-testid="label-row"][data-name="Direct quote"] [data-testid="label-delete"]').click();
  assert.match(await app.byTestId('label-delete-confirm').textContent(), /2 span\(s\)/);
  await app.byTestId('label-delete-yes').click();
  await app.page.keyboard.press('Escape');
  await app.waitForSpanCount(1);
  await app.page.keyboard.press('Control+z');
  await app.waitForSpanCount(3);
  assert.equal((await app.spans()).filter((s) => s.label === 'Direct quote').length, 2);
  // The new label's key tags.
  const [s, e] = offsetsOf(NORMALISED, 'Officials');
  await app.dragSelect(s, e);
  await app.page.keyboard.press('q');
  await app.waitForSpanCount(4);
  assert.ok((await app.spans()).some((x) => x.label === 'Speaker'));
  // The set travels with the workspace export.
  const doc = JSON.parse((await app.exportJsonl()).text.split('\n')[0]);
  assert.ok(doc.labels.some((l) => l.name === 'Speaker' && l.key === 'q'));
  assertNoProblems(env);
});

test('dark mode toggle is remembered across reloads', async () => {
  const { env, app } = await fresh();
  const theme = () => app.page.evaluate(() => document.documentElement.dataset.theme ?? 'system');
  assert.equal(await theme(), 'system');
  await app.byTestId('theme-toggle').click();
  assert.equal(await theme(), 'dark');
  const bg = await app.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await app.page.reload();
  await app.open();
  assert.equal(await theme(), 'dark');
  assert.equal(await app.page.evaluate(() => getComputedStyle(document.querySelector('.app')).backgroundColor), 'rgba(0, 0, 0, 0)');
  assert.equal(await app.page.evaluate(() => getComputedStyle(document.body).backgroundColor), bg);
  assert.notEqual(bg, 'rgb(251, 250, 247)');
  assertNoProblems(env);
});

test('with no theme chosen, the app follows the system colour scheme live', async () => {
  const { env, app } = await fresh();
  const bg = () => app.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await app.page.emulateMedia({ colorScheme: 'light' });
  const light = await bg();
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await app.page.waitForFunction((l) => getComputedStyle(document.documentElement).backgroundColor !== l, light);
  assert.equal(await bg(), 'rgb(23, 24, 28)');
  await app.page.emulateMedia({ colorScheme: 'light' });
  await app.page.waitForFunction((l) => getComputedStyle(document.documentElement).backgroundColor === l, light);
  assertNoProblems(env);
});

test('selecting right-to-left Persian text gives code-point offsets', async () => {
  const { env, app } = await fresh();
  const text = 'خبرگزاری گزارش داد که «این دیوار تنها آغاز کار است» و ۴۰ میلیون یورو هزینه دارد.\nMixed: the mayor said «سلام» 😀 twice.';
  await app.paste('RTL', text);
  const dir = await app.page.locator('[data-testid="doc-text"] .para').first().evaluate((p) => getComputedStyle(p).direction);
  assert.equal(dir, 'rtl');
  for (const needle of ['«این دیوار تنها آغاز کار است»', 'میلیون یورو هزینه', '«سلام»']) {
    const [s, e] = offsetsOf(text, needle);
    await app.dragSelect(s, e);
    await app.page.keyboard.press('2');
  }
  await app.waitForSpanCount(3);
  const { text: exported } = await app.exportJsonl();
  const doc = JSON.parse(exported);
  for (const needle of ['«این دیوار تنها آغاز کار است»', 'میلیون یورو هزینه', '«سلام»']) {
    const [s, e] = offsetsOf(text, needle);
    assert.ok(doc.spans.some((x) => x.start === s && x.end === e && x.text === needle), needle);
  }
  assertNoProblems(env);
});

test('find steps through matches on a long document, including far off screen', async () => {
  const { env, app } = await fresh();
  const para = 'The council said at least 646 homes were flooded. “We will rebuild,” said Ana Ruiz. ';
  const long = Array.from({ length: 12000 }, (_, i) => `${i}. ${para}`).join('\n'); // ~1 MB
  // Long articles arrive as files: import one as plain text.
  await app.byTestId('import-file').setInputFiles({ name: 'long.txt', mimeType: 'text/plain', buffer: Buffer.from(long) });
  await app.page.waitForFunction((n) => document.querySelector('[data-testid="doc-text"]')?.textContent.length === n, long.length, { timeout: 60000 });
  await app.page.keyboard.press('/');
  await app.byTestId('find-input').waitFor();
  await app.page.keyboard.type('ana ruiz');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="find-count"]').textContent === '1 / 12000');
  await app.page.keyboard.press('Shift+Enter');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="find-count"]').textContent === '12000 / 12000');
  await app.page.keyboard.press('Enter');
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="find-count"]').textContent === '2 / 12000');
  // Escape leaves the match selected (the reader shows it selected first): a label key tags it.
  await app.page.keyboard.press('Escape');
  await app.page.waitForFunction(() => window.getSelection().toString() === 'Ana Ruiz', null, { timeout: 10000 });
  await app.page.keyboard.press('2');
  await app.waitForSpanCount(1);
  const [span] = await app.spans();
  assert.equal(sliceCodePoints(long, span.start, span.end), 'Ana Ruiz');
  assert.ok(span.start > para.length, 'the second match, not the first');
  assertNoProblems(env);
});

test('axe-core: no serious or critical violations on any screen, light and dark', async () => {
  const { env, app } = await fresh();
  const screens = {
    'empty state': async () => {},
    'reader with spans': async () => {
      await app.paste('A11y', NORMALISED);
      for (const [needle, key] of [['Mayor Ana Ruiz', '2'], ['at least 646 homes', '3'], ['Officials said at least 646 homes were evacuated', '1']]) {
        const [s, e] = offsetsOf(NORMALISED, needle);
        await app.dragSelect(s, e);
        await app.page.keyboard.press(key);
      }
      await app.byTestId('suggest-run').click();
      await app.page.locator('[data-testid="suggestion-item"]').first().waitFor();
    },
    'export dialog': async () => { await app.byTestId('export-open').click(); await app.byTestId('export-format').waitFor(); },
    'label editor': async () => { await app.page.keyboard.press('Escape'); await app.byTestId('labels-open').click(); await app.byTestId('label-editor').waitFor(); },
    'help': async () => { await app.page.keyboard.press('Escape'); await app.page.keyboard.press('?'); await app.byTestId('help').waitFor(); },
  };
  const found = [];
  for (const [name, go] of Object.entries(screens)) {
    await go();
    for (const theme of ['light', 'dark']) {
      await app.page.evaluate((t) => { document.documentElement.dataset.theme = t; }, theme);
      for (const v of await seriousViolations(app.page)) found.push(`${name} (${theme}): ${v}`);
    }
  }
  assert.deepEqual(found, []);
  assertNoProblems(env);
});
