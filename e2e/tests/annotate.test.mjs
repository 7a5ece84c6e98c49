// The annotation loop: paste → select (mouse and keyboard) → tag → nest → undo/redo → reload →
// export with exact code-point offsets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, sliceCodePoints, assertNoProblems } from '../spanmark-page.mjs';
import { ARTICLE, NORMALISED, offsetsOf } from '../fixtures.mjs';

let session, env, app;

before(async () => {
  session = await startApp();
  ({ env, app } = session);
  await app.paste('River report', ARTICLE);
});

after(async () => {
  await session?.stop();
});

test('pasted CRLF text is normalised and shown exactly', async () => {
  assert.equal(await app.docText(), NORMALISED);
});

test('drag-select with the mouse and tag with a key', async () => {
  const [s, e] = offsetsOf(NORMALISED, 'Mayor Ana Ruiz');
  await app.dragSelect(s, e);
  await app.page.keyboard.press('2');
  await app.waitForSpanCount(1);
  assert.deepEqual(await app.spans(), [{ label: 'quote', start: s, end: e }]);
});

test('tag with the keyboard only', async () => {
  // Tab into the reader (no mouse), go to the top, down two lines, extend four characters, tag.
  await app.byTestId('export-jsonl').focus();
  while (!(await app.byTestId('doc-text').evaluate((el) => el === document.activeElement))) {
    await app.page.keyboard.press('Tab');
  }
  await app.page.keyboard.press('Control+Home');
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('ArrowDown');
  const [s] = offsetsOf(NORMALISED, '“The river');
  assert.equal(await app.page.evaluate(() => getSelection().toString()), '', 'a caret, not a selection');
  for (let i = 0; i < 4; i++) await app.page.keyboard.press('Shift+ArrowRight');
  assert.equal(await app.page.evaluate(() => getSelection().toString()), '“The');
  await app.page.keyboard.press('1');
  await app.waitForSpanCount(2);
  const spans = await app.spans();
  assert.ok(spans.some((x) => x.label === 'claim' && x.start === s && x.end === s + 4), JSON.stringify(spans));
});

test('nested spans: a figure inside a quote inside a claim', async () => {
  const [cs, ce] = offsetsOf(NORMALISED, 'Officials said at least 646 homes were evacuated');
  const [qs, qe] = offsetsOf(NORMALISED, 'at least 646 homes were evacuated');
  const [fs, fe] = offsetsOf(NORMALISED, 'at least 646 homes');
  await app.dragSelect(cs, ce);
  await app.byTestId('label-claim').click();
  await app.dragSelect(qs, qe);
  await app.page.keyboard.press('2');
  await app.dragSelect(fs, fe);
  await app.page.keyboard.press('3');
  await app.waitForSpanCount(5);
  const spans = await app.spans();
  for (const [label, start, end] of [['claim', cs, ce], ['quote', qs, qe], ['figure', fs, fe]]) {
    assert.ok(spans.some((x) => x.label === label && x.start === start && x.end === end), `${label} ${start}-${end}`);
  }
  // The innermost segment carries all three spans and stays clickable: clicks walk outwards.
  const layered = await app.page.locator('[data-testid="doc-text"] .seg[data-spans*=","]').count();
  assert.ok(layered >= 2, 'nested segments are rendered with several spans');
});

test('undo and redo, by button and by key', async () => {
  const before = await app.spans();
  await app.byTestId('undo').click();
  await app.waitForSpanCount(before.length - 1);
  await app.page.keyboard.press('Control+z');
  await app.waitForSpanCount(before.length - 2);
  await app.byTestId('redo').click();
  await app.waitForSpanCount(before.length - 1);
  await app.page.keyboard.press('Control+Shift+Z');
  await app.waitForSpanCount(before.length);
  assert.deepEqual(await app.spans(), before);
});

test('delete a span with the Delete key, then undo it', async () => {
  const before = await app.spans();
  await app.page.locator('[data-testid="span-item"]').first().click();
  await app.page.keyboard.press('Delete');
  await app.waitForSpanCount(before.length - 1);
  await app.page.keyboard.press('Control+z');
  await app.waitForSpanCount(before.length);
  assert.deepEqual(await app.spans(), before);
});

test('a note and a new label survive a reload', async () => {
  const item = app.page.locator('[data-testid="span-item"]').first();
  await item.locator('[data-testid="span-note"]').fill('check with the agency');
  await item.locator('[data-testid="span-note"]').press('Enter');
  const before = await app.spans();
  await app.waitSaved();
  await app.page.reload();
  await app.open();
  await app.waitForSpanCount(before.length);
  assert.deepEqual(await app.spans(), before);
  assert.equal(await app.docText(), NORMALISED);
  assert.equal(await app.page.locator('[data-testid="span-note"]').first().inputValue(), 'check with the agency');
  assert.equal(await app.page.locator('[data-testid="doc-item"]').count(), 1);
});

test('export: every span text equals the document text sliced by code points', async () => {
  const { name, text } = await app.exportJsonl();
  assert.match(name, /\.jsonl$/);
  const lines = text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 1);
  const [doc] = lines;
  assert.equal(doc.offset_unit, 'codepoint');
  assert.equal(doc.schema, 'spanmark/1');
  assert.equal(doc.text, NORMALISED);
  assert.equal(doc.spans.length, (await app.spans()).length);
  for (const s of doc.spans) {
    assert.equal(s.text, sliceCodePoints(doc.text, s.start, s.end), `span ${s.id}`);
    assert.equal(s.text, doc.text.slice(s.start_utf16, s.end_utf16), `span ${s.id} (UTF-16)`);
  }
  // The emoji and Persian text before the spans make code points and UTF-16 differ.
  assert.ok(doc.spans.some((s) => s.start !== s.start_utf16));
  const note = doc.spans.find((s) => s.note === 'check with the agency');
  assert.ok(note, 'the note is exported');
});

test('no request left the origin and nothing broke the CSP', () => {
  assertNoProblems(env);
});
