// Ad-hoc: trace a few "add" edits on the 1 MB article and sum the main-thread events per name.
import { chromium } from 'playwright-core';
import { readFile, writeFile } from 'node:fs/promises';
import { serve } from './lib/server.mjs';
const dist = process.argv[2];
const server = await serve(dist, new URL('.', import.meta.url).pathname);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
await page.goto(server.url);
await page.waitForSelector('[data-testid="doc-list"]', { state: 'attached' });
const jsonl = await readFile(new URL('./out/articles.jsonl', import.meta.url), 'utf8');
await page.locator('[data-testid="import-file"]').setInputFiles({ name: 'a.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(jsonl) });
await page.waitForFunction(() => document.querySelectorAll('[data-testid="doc-item"]').length === 4, null, { timeout: 120000 });
await page.waitForFunction(() => document.documentElement.dataset.saveState === 'saved', null, { timeout: 120000 });
const items = page.locator('[data-testid="doc-item"] button');
const n = await items.count();
// open the biggest (the 1m one): by title containing 1m or the last
const titles = await page.locator('[data-testid="doc-item"] .title').allTextContents();
const idx = titles.findIndex((t) => /1m|1 MB|1,0/.test(t));
await items.nth(idx >= 0 ? idx : n - 1).click();
await page.waitForTimeout(1500);
const cdp = await ctx.newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const prep = (seed) => page.evaluate(async (seed) => {
  const frame = () => new Promise((ok) => requestAnimationFrame(ok));
  const chunks = document.querySelectorAll('[data-testid="doc-text"] .chunk');
  const chunk = chunks[(seed * 37) % chunks.length];
  chunk.scrollIntoView({ block: 'start' });
  for (let f = 0; f < 60 && chunk.classList.contains('raw'); f++) await frame();
  await frame(); await frame();
  const p = [...chunk.querySelectorAll('.para')].find((p) => /[A-Za-z]{4,}/.test(p.textContent));
  const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT); let t;
  while ((t = w.nextNode())) { const m = t.data.match(/[A-Za-z]{4,}/); if (m) { const r = document.createRange(); r.setStart(t, m.index); r.setEnd(t, m.index + m[0].length); getSelection().removeAllRanges(); getSelection().addRange(r); break; } }
  await frame(); await frame();
}, seed);
await prep(1);
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
const profiles = [];
await cdp.send('Tracing.start', { categories: 'blink.user_timing,devtools.timeline,disabled-by-default-devtools.timeline,blink,v8.execute', transferMode: 'ReportEvents' });
for (let i = 0; i < 5; i++) {
  await prep(i + 2);
  await cdp.send('Profiler.start');
  await page.evaluate(() => performance.mark('edit-start'));
  await page.keyboard.press('1');
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await page.evaluate(() => performance.mark('edit-end'));
  await page.waitForFunction(() => document.documentElement.dataset.saveState === 'saved');
  profiles.push((await cdp.send('Profiler.stop')).profile);
}
profiles.forEach((p, i) => writeFile(`/tmp/tr/edit${i}.cpuprofile`, JSON.stringify(p)));
await new Promise((ok) => { cdp.once('Tracing.tracingComplete', ok); cdp.send('Tracing.end'); });
await writeFile('/tmp/tr/trace.json', JSON.stringify({ traceEvents: events }));
// windows between marks
const marks = events.filter((e) => e.name === 'edit-start' || e.name === 'edit-end').sort((a, b) => a.ts - b.ts);
const wins = [];
for (let i = 0; i + 1 < marks.length; i++) if (marks[i].name === 'edit-start' && marks[i + 1].name === 'edit-end') wins.push([marks[i].ts, marks[i + 1].ts]);
const sums = new Map();
for (const e of events) {
  if (e.ph !== 'X' || !e.dur) continue;
  if (!wins.some(([a, b]) => e.ts >= a && e.ts <= b)) continue;
  const k = e.name; sums.set(k, (sums.get(k) || 0) + e.dur / 1000);
}
console.log('windows (ms):', wins.map(([a, b]) => ((b - a) / 1000).toFixed(1)).join(' '));
console.log([...sums].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / wins.length).toFixed(1).padStart(7)} ms  ${k}`).join('\n'));
await browser.close(); await server.close();
