// Offline suggestions: run, accept by key, accept all quotes, reject one, reload — accepted spans
// persist and rejected suggestions are not suggested again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, assertNoProblems } from '../spanmark-page.mjs';
import { NORMALISED, offsetsOf } from '../fixtures.mjs';

let session, env, app;

before(async () => {
  session = await startApp();
  ({ env, app } = session);
  await app.paste('Suggestions', NORMALISED);
});

after(async () => {
  await session?.stop();
});

const suggestions = () => app.page.locator('[data-testid="suggestion-item"]').evaluateAll((items) =>
  items.map((li) => ({ label: li.dataset.label, start: Number(li.dataset.start), end: Number(li.dataset.end) })));

test('suggest, accept by key, accept all quotes, reject one, reload', async () => {
  await app.byTestId('suggest-run').click();
  await app.page.locator('[data-testid="suggestion-item"]').first().waitFor();
  const all = await suggestions();
  const [qs, qe] = offsetsOf(NORMALISED, '“The river rose 3.2 metres overnight,”');
  assert.ok(all.some((s) => s.label === 'quote' && s.start === qs && s.end === qe), JSON.stringify(all));
  const [fs] = offsetsOf(NORMALISED, 'at least 646 homes');
  assert.ok(all.some((s) => s.label === 'figure' && s.start === fs), 'a figure with its qualifier');
  assert.ok(all.some((s) => s.label === 'claim'), 'a claim');
  // Ghost highlights in the reader.
  assert.ok(await app.page.locator('[data-testid="doc-text"] .ghost').count() >= all.length);
  // The speaker is shown with the quote.
  assert.match(await app.page.locator('[data-testid="suggestion-item"][data-label="quote"]', { hasText: 'The river' }).first().textContent(), /said by Mayor Ana Ruiz|said by Ana Ruiz/);

  // Accept the first (the cursor starts there) with Enter.
  const first = all[0];
  await app.page.mouse.click(5, 300);
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction((n) => document.querySelectorAll('[data-testid="suggestion-item"]').length === n, all.length - 1);
  let spans = await app.spans();
  assert.ok(spans.some((s) => s.label === first.label && s.start === first.start && s.end === first.end));

  // Reject the next one with x.
  const rejected = (await suggestions())[0];
  await app.page.keyboard.press('x');
  await app.page.waitForFunction((n) => document.querySelectorAll('[data-testid="suggestion-item"]').length === n, all.length - 2);

  // Accept all quotes: a quote with a speaker brings a speaker span and a said-by link.
  await app.byTestId('suggest-filter').selectOption('quote');
  const quotes = await suggestions();
  assert.ok(quotes.length >= 1 && quotes.every((s) => s.label === 'quote'));
  await app.byTestId('suggest-accept-all').click();
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="suggestion-item"]').length === 0);
  spans = await app.spans();
  for (const q of quotes) assert.ok(spans.some((s) => s.label === 'quote' && s.start === q.start && s.end === q.end));
  assert.ok(spans.some((s) => s.label === 'speaker'), 'speaker spans came with the quotes');
  assert.ok(await app.page.locator('[data-testid="span-item"]', { hasText: 'said-by' }).count() >= 1);

  // Undo takes back "accept all" as one edit, redo restores it.
  const count = spans.length;
  await app.byTestId('undo').click();
  await app.page.waitForFunction((n) => document.querySelectorAll('[data-testid="span-item"]').length < n, count);
  await app.byTestId('redo').click();
  await app.waitForSpanCount(count);

  await app.waitSaved();
  await app.page.reload();
  await app.open();
  await app.waitForSpanCount(count);
  await app.byTestId('suggest-run').click();
  await app.page.waitForTimeout(100);
  const again = await suggestions();
  assert.ok(!again.some((s) => s.label === rejected.label && s.start === rejected.start && s.end === rejected.end), 'rejected stays rejected');
  for (const s of await app.spans()) {
    assert.ok(!again.some((g) => g.label === s.label && g.start === s.start && g.end === s.end), 'accepted spans are not suggested again');
  }
  // The export carries the speaker relation.
  const doc = JSON.parse((await app.exportJsonl()).text);
  assert.ok(doc.relations.some((r) => r.kind === 'said-by'));
  assertNoProblems(env);
});
