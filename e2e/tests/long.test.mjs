// Long articles and large workspaces: the reader draws only what is near the viewport (chunks with
// the raw text elsewhere) and the document list only the rows in view. Neither may change what the
// user sees, selects, tags or exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, sliceCodePoints, assertNoProblems } from '../spanmark-page.mjs';
import { offsetsOf } from '../fixtures.mjs';

let session, env, app;

/** ~250 kB of invented paragraphs: emoji, Persian, « guillemets », curly quotes, numbers. */
function longArticle() {
  const paras = [];
  for (let i = 0; i < 1200; i++) {
    paras.push(i % 7 === 3
      ? `گزارش ${i}: باران ادامه دارد 🌧️ — “Water rose ${i % 40}.${i % 10} cm,” an engineer said « pour la ${i}e fois ».`
      : `Paragraph ${i}. The council said about ${100 + i} families 👩‍👩‍👧 were moved, and “the levee held” for now; officials expect rain on day ${i % 30}.`);
  }
  paras.push('The last line: “we counted 7,204 sandbags” said the engineer 😀.');
  return paras.join('\n');
}
const TEXT = longArticle();

before(async () => {
  session = await startApp();
  ({ env, app } = session);
  await app.paste('Long levee report', TEXT);
});

after(async () => {
  await session?.stop();
});

test('a long article shows its exact text while only the part in view is drawn', async () => {
  assert.equal(await app.docText(), TEXT);
  const counts = await app.byTestId('doc-text').evaluate((root) => ({
    chunks: root.querySelectorAll('.chunk').length,
    raw: root.querySelectorAll('.chunk.raw').length,
  }));
  assert.ok(counts.chunks > 20, `cut into chunks (${counts.chunks})`);
  assert.ok(counts.raw > 0, 'chunks far from the viewport are not drawn yet');
});

test('scroll to the end, drag-select the last quote and tag it: exact offsets in the export', async () => {
  const needle = '“we counted 7,204 sandbags”';
  const [s, e] = offsetsOf(TEXT, needle);
  await app.dragSelect(s, e);
  await app.page.keyboard.press('2');
  await app.waitForSpanCount(1);
  assert.deepEqual(await app.spans(), [{ label: 'quote', start: s, end: e }]);
  assert.equal(await app.docText(), TEXT, 'drawing the chunk kept the text');
  await app.waitSaved();
  const { text } = await app.exportJsonl();
  const doc = JSON.parse(text.split('\n')[0]);
  assert.equal(sliceCodePoints(doc.text, doc.spans[0].start, doc.spans[0].end), needle);
});

test('the keyboard caret can jump into a part not drawn yet and select there', async () => {
  // From the top, Ctrl+End jumps to the end of the text (a chunk the reader has not drawn when
  // the caret lands there); Shift+Home then selects the last line.
  await app.byTestId('doc-text').evaluate((el) => { el.closest('.reader-scroll').scrollTop = 0; });
  await app.byTestId('export-jsonl').focus();
  while (!(await app.byTestId('doc-text').evaluate((el) => el === document.activeElement))) {
    await app.page.keyboard.press('Tab');
  }
  await app.page.keyboard.press('Control+Home');
  await app.page.keyboard.press('Control+End');
  await app.page.keyboard.press('Shift+Home');
  const last = TEXT.slice(TEXT.lastIndexOf('\n') + 1);
  assert.equal(await app.page.evaluate(() => getSelection().toString()), last);
  await app.page.keyboard.press('1');
  await app.waitForSpanCount(2);
  const len = Array.from(TEXT).length;
  const spans = await app.spans();
  assert.ok(spans.some((x) => x.label === 'claim' && x.start === len - Array.from(last).length && x.end === len), JSON.stringify(spans));
});

test('a workspace of 400 documents lists only the rows in view, and every one can be opened', async () => {
  const lines = [];
  for (let i = 1; i <= 400; i++) {
    lines.push(JSON.stringify({
      schema: 'spanmark/1', offset_unit: 'codepoint', id: `bulk-${i}`, title: `Bulk report ${i}`, source: null,
      added_at: 1763769600000 + i, line_endings_normalised: false, text: `Report ${i}: 😀 “fine” said the clerk.`,
      spans: [], relations: [],
    }));
  }
  await app.importFile('bulk.jsonl', lines.join('\n') + '\n');
  const list = app.byTestId('doc-list');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="doc-list"]').dataset.count === '401');
  const drawn = await app.byTestId('doc-item').count();
  assert.ok(drawn > 5 && drawn < 120, `rows drawn: ${drawn}`);
  // Scroll the list to its end with the mouse wheel and open the last document.
  await list.hover();
  for (let i = 0; i < 60; i++) await app.page.mouse.wheel(0, 800);
  const last = app.byTestId('doc-item').filter({ hasText: 'Bulk report 400' });
  await last.waitFor();
  assert.equal(await last.getAttribute('aria-posinset'), '401');
  assert.equal(await last.getAttribute('aria-setsize'), '401');
  await last.locator('button').click();
  await app.page.waitForFunction(() => document.querySelector('[data-testid="doc-text"]').textContent === 'Report 400: 😀 “fine” said the clerk.');
  // ] and [ move between documents and keep the open one's row in view.
  await app.byTestId('doc-text').focus();
  await app.page.keyboard.press('[');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="doc-text"]').textContent.startsWith('Report 399:'));
  assert.equal(await app.byTestId('doc-item').filter({ hasText: 'Bulk report 399' }).getAttribute('class'), 'current');
  assertNoProblems(env);
});
