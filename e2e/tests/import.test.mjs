// Import: a malformed file names the line and leaves the workspace untouched; a valid export
// imported into a fresh browser profile round-trips byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, assertNoProblems } from '../spanmark-page.mjs';
import { NORMALISED, offsetsOf } from '../fixtures.mjs';

let session, first, second;

before(async () => {
  // Two fresh browser profiles, the app not yet opened in either.
  session = await startApp({ open: false });
  first = session;
  second = await session.fresh({ open: false });
});

after(async () => {
  await session?.stop();
});

test('malformed import shows the line and changes nothing; round trip is exact', async () => {
  const { app } = first;
  await app.open();
  await app.paste('Import test', NORMALISED);
  const [s, e] = offsetsOf(NORMALISED, '646 homes');
  await app.dragSelect(s, e);
  await app.page.keyboard.press('3');
  await app.waitForSpanCount(1);
  await app.waitSaved();
  const exported = (await app.exportJsonl()).text;

  // Line 2 is broken JSON; line 3 has a span whose text does not match.
  const good = exported.trim();
  const shifted = good.replace(/"id":"([^"]+)"/, '"id":"$1-x"').replace(/"start":(\d+),"end":(\d+)/, (_, a, b) => `"start":${+a + 1},"end":${+b + 1}`);
  await app.importFile('broken.jsonl', `${good.replace(/"id":"([^"]+)"/, '"id":"$1-y"')}\n{"schema": "spanmark/1", oops\n${shifted}\n`);
  const error = app.byTestId('error');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.textContent(), /broken\.jsonl, line 2: not valid JSON/);
  assert.equal(await app.page.locator('[data-testid="doc-item"]').count(), 1, 'no document was added');
  await app.waitForSpanCount(1);

  await app.importFile('shifted.jsonl', shifted);
  await app.page.waitForFunction(() => /line 1: span 1 \(id \d+\): text .* does not match/.test(document.querySelector('[data-testid="error"]').textContent));
  assert.equal(await app.page.locator('[data-testid="doc-item"]').count(), 1, 'no document was added');

  // A fresh profile imports the export and exports exactly the same bytes.
  const fresh = second.app;
  await fresh.open();
  await fresh.importFile('spanmark.jsonl', exported);
  await fresh.waitForSpanCount(1);
  assert.equal(await fresh.docText(), NORMALISED);
  assert.equal((await fresh.exportJsonl()).text, exported);
  // And it persisted.
  await fresh.waitSaved();
  await fresh.page.reload();
  await fresh.open();
  await fresh.waitForSpanCount(1);

  assertNoProblems(first.env);
  assertNoProblems(second.env);
});
