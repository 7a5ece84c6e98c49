// Every dialog shows words, never the view macro's source (an unbraced `>` in an attribute closure
// once printed Rust code beside every label row), and the label editor's Up and Down reorder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, assertNoProblems } from '../spanmark-page.mjs';
import { NORMALISED } from '../fixtures.mjs';

let session, app;

before(async () => {
  session = await startApp();
  app = session.app;
  await app.paste('Dialogs', NORMALISED);
});

after(async () => {
  await session?.stop();
});

/** Text that only Rust or closure source would put on screen. */
const SOURCE = /move \||\|\s*_\s*\||=>|on:click|\.with\(|Vec::len|apply_set|labels\.with/;

async function labelNames() {
  return app.page.locator('[data-testid="label-row"]').evaluateAll((rows) => rows.map((r) => r.dataset.name));
}

test('no dialog shows source code', async () => {
  for (const [open, dialog] of [['labels-open', 'label-editor'], ['help-open', null], ['export-open', null]]) {
    await app.byTestId(open).click();
    const box = dialog ? app.byTestId(dialog) : app.page.locator('[role="dialog"]');
    await box.waitFor({ state: 'visible' });
    const text = await box.textContent();
    assert.doesNotMatch(text, SOURCE, `${open}: ${text}`);
    await app.page.keyboard.press('Escape');
    await box.waitFor({ state: 'detached' });
  }
  assertNoProblems(session.env);
});

test('the label editor moves labels down and up, and the last one cannot go down', async () => {
  await app.byTestId('labels-open').click();
  await app.byTestId('label-editor').waitFor();
  const before = await labelNames();
  assert.deepEqual(before.slice(0, 3), ['claim', 'quote', 'figure']);
  const down = app.page.locator('[data-testid="label-down"]');
  const up = app.page.locator('[data-testid="label-up"]');
  assert.equal(await down.nth(0).isDisabled(), false);
  assert.equal(await down.nth(before.length - 1).isDisabled(), true);
  assert.equal(await up.nth(0).isDisabled(), true);
  await down.nth(0).click();
  await app.page.waitForFunction(() => document.querySelector('[data-testid="label-row"]').dataset.name === 'quote');
  assert.deepEqual((await labelNames()).slice(0, 3), ['quote', 'claim', 'figure']);
  // The palette follows the new order.
  const palette = await app.page.locator('.palette .label-button').evaluateAll((b) => b.map((x) => x.dataset.testid));
  assert.deepEqual(palette.slice(0, 2), ['label-quote', 'label-claim']);
  await up.nth(1).click();
  await app.page.waitForFunction(() => document.querySelector('[data-testid="label-row"]').dataset.name === 'claim');
  assert.deepEqual(await labelNames(), before);
  await app.page.keyboard.press('Escape');
  assertNoProblems(session.env);
});
