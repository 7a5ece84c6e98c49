// Takes the README screenshot: the sample article with a few spans, in headless Chromium.
// Run by `./x screenshot` (after a release build).
import { startApp } from './spanmark-page.mjs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('../docs/', import.meta.url));
await mkdir(out, { recursive: true });
const { app, stop } = await startApp();
try {
  const { page } = app;
  await app.byTestId('sample-load').click();
  await app.byTestId('doc-text').waitFor();
  const text = await app.docText();
  const cps = Array.from(text);
  const find = (needle) => {
    const n = Array.from(needle);
    for (let i = 0; i < cps.length; i++) if (n.every((c, k) => cps[i + k] === c)) return [i, i + n.length];
    throw new Error(needle);
  };
  const tag = async (needle, key) => {
    const [s, e] = find(needle);
    await app.dragSelect(s, e);
    await page.keyboard.press(key);
  };
  await tag('The town council of Port Ellis approved a €40 million flood wall on Tuesday', '1');
  await tag('€40 million', '3');
  await tag('“We cannot ask people to bail out their kitchens every spring,”', '2');
  await tag('Mayor Ana Ruiz', '2');
  await tag('at least 646 homes', '3');
  await tag('nearly 30% of its moorings', '3');
  await tag('« solide, mais tardif »', '2');
  await page.mouse.click(5, 5);
  await page.locator('[data-testid="span-item"]').nth(1).click();
  await page.screenshot({ path: `${out}screenshot.png` });
  await app.byTestId('suggest-run').click();
  await page.locator('[data-testid="suggestion-item"]').first().waitFor();
  await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
  await page.screenshot({ path: `${out}screenshot-dark.png` });
  await page.setViewportSize({ width: 768, height: 900 });
  await page.screenshot({ path: `${out}screenshot-narrow.png` });
  console.log(`wrote ${out}screenshot.png, screenshot-dark.png, screenshot-narrow.png`);
} finally {
  await stop();
}
