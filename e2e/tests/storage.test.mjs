// Storage failures are shown to the user and the work in the tab stays: a blocked IndexedDB at
// start-up, and a quota error while saving. (The browser's own IndexedDB is made to fail the way
// it does when blocked or full; the app's handling is real.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from '../spanmark-page.mjs';
import { NORMALISED, offsetsOf } from '../fixtures.mjs';

let session;

before(async () => {
  session = await startApp({ app: false });
});

after(async () => {
  await session?.stop();
});

test('IndexedDB unavailable: the error says so and the app still works in memory', async () => {
  const { app } = await session.fresh({ open: false });
  const { page } = app;
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  });
  await app.open();
  await app.byTestId('error').waitFor({ state: 'visible' });
  assert.match(await app.byTestId('error').textContent(), /storage is unavailable.*SecurityError.*export/s);
  await app.paste('Offline', NORMALISED);
  const [s, e] = offsetsOf(NORMALISED, 'Mayor Ana Ruiz');
  await app.dragSelect(s, e);
  await app.page.keyboard.press('2');
  await app.waitForSpanCount(1);
  const { text } = await app.exportJsonl();
  assert.equal(JSON.parse(text).spans[0].text, 'Mayor Ana Ruiz');
});

test('quota exceeded while saving: the error is shown, the edit stays, saving resumes', async () => {
  const { app } = await session.fresh();
  await app.paste('Full disk', NORMALISED);
  await app.waitSaved();
  await app.page.evaluate(() => {
    window.__realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const [s, e] = offsetsOf(NORMALISED, '646 homes');
  await app.dragSelect(s, e);
  await app.page.keyboard.press('3');
  await app.waitForSpanCount(1);
  await app.byTestId('error').waitFor({ state: 'visible' });
  assert.match(await app.byTestId('error').textContent(), /Could not save.*QuotaExceededError.*still here/s);
  assert.equal(await app.byTestId('save-state').textContent(), 'Not saved');
  assert.deepEqual(await app.spans(), [{ label: 'figure', start: s, end: e }]);

  // Space is freed: the next edit saves everything, including the edit that failed.
  await app.page.evaluate(() => { IDBObjectStore.prototype.put = window.__realPut; });
  const [s2, e2] = offsetsOf(NORMALISED, 'Mayor Ana Ruiz');
  await app.dragSelect(s2, e2);
  await app.page.keyboard.press('2');
  await app.waitSaved();
  await app.page.reload();
  await app.open();
  await app.waitForSpanCount(2);
});
