// Suggestion-engine throughput in the release wasm build: the app's own `spanmark-suggest`
// User Timing measure around the engine, on the 1 MB benchmark article (bench/out, written by run.mjs).
// Usage: node bench/suggest_throughput.mjs [DIST]   (prints MB/s per run; the first run includes wasm tier-up)
import { serve, launch, context } from '../e2e/harness.mjs';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
const server = await serve(process.argv[2] ? (await import('node:path')).resolve(process.argv[2]) : undefined); const browser = await launch();
const env = await context(browser, server.url);
const page = await env.ctx.newPage();
await page.goto(server.url); await page.waitForSelector('[data-testid=doc-list]', { state: 'attached' });
const lines = (await readFile(fileURLToPath(new URL('./out/articles.jsonl', import.meta.url)), 'utf8')).trim().split('\n');
const doc = JSON.parse(lines.find((l) => l.length > 900000)); doc.spans = []; doc.id = 'plain';
const bytes = Buffer.byteLength(doc.text);
await page.locator('[data-testid=import-file]').setInputFiles({ name: 'big.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(JSON.stringify(doc) + '\n') });
await page.waitForFunction(() => document.querySelector('[data-testid=doc-text]')?.textContent.length > 900000, null, { timeout: 60000 });
for (let i = 0; i < 5; i++) {
  await page.locator('[data-testid=suggest-run]').click();
  await page.waitForFunction((n) => performance.getEntriesByName('spanmark-suggest').length > n, i);
}
const ms = await page.evaluate(() => performance.getEntriesByName('spanmark-suggest').map((e) => e.duration));
console.log('bytes', bytes, 'ms', ms.map((m) => m.toFixed(1)).join(' '), 'MB/s', ms.map((m) => (bytes / 1e6 / (m / 1000)).toFixed(1)).join(' '));
await browser.close(); await server.close();
