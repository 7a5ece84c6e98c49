// Takes the Stories view's screenshots (docs/screenshot-stories*.png): four articles pasted, the
// unrelated one merged in and split off again and named, so that the view shows a story the user
// kept and named; light and dark, 1280 and 768 pixels wide. Run after a release build:
// `node e2e/screenshot-stories.mjs`.
import { startApp } from './spanmark-page.mjs';
import { STORY_ARTICLES } from './fixtures.mjs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('../docs/', import.meta.url));
await mkdir(out, { recursive: true });
const { app, stop } = await startApp();
try {
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const [title, text] of Object.entries(STORY_ARTICLES)) await app.paste(title, text);
  const done = () => page.locator('[data-testid="stories-progress"][data-state="done"]').waitFor();
  const storyCount = (n) => page.waitForFunction((n) => document.querySelectorAll('[data-testid="story-item"]').length === n, n);
  await app.byTestId('stories-open').click();
  await done();
  await storyCount(2);
  // The user names the event's story (kept in the workspace).
  await app.byTestId('story-name').fill('Orlan Dam collapse');
  await app.byTestId('story-name').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="story-item"] .story-title')?.textContent === 'Orlan Dam collapse');
  await done();
  await app.waitSaved();
  await page.locator('[data-testid="story-item"]').first().focus();
  const shots = [
    ['screenshot-stories.png', 'light', 1280],
    ['screenshot-stories-dark.png', 'dark', 1280],
    ['screenshot-stories-narrow.png', 'light', 768],
    ['screenshot-stories-narrow-dark.png', 'dark', 768],
  ];
  for (const [name, theme, width] of shots) {
    await page.evaluate((t) => { document.documentElement.dataset.theme = t; }, theme);
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: `${out}${name}` });
  }
  console.log(`wrote ${shots.map((s) => s[0]).join(', ')} in ${out}`);
} finally {
  await stop();
}
