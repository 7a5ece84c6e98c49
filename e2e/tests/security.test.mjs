// Pasted text is only ever text: markup is shown, never parsed or run. The CSP forbids requests
// beyond the origin and inline script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, assertNoProblems } from '../spanmark-page.mjs';

let session, env;

before(async () => {
  // One context; each test opens the app in a page of its own there.
  session = await startApp({ open: false });
  ({ env } = session);
});

after(async () => {
  await session?.stop();
});

const HOSTILE = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<a href="javascript:window.__pwned=1">click</a> & &amp; <b>bold</b>',
  '<img src="https://tracker.example/pixel.png">',
].join('\n');

test('markup in a pasted article is shown as text and never runs', async () => {
  const { app } = session;
  await app.open();
  await app.paste('<b>Title</b><img src=x onerror="window.__pwned=\'title\'">', HOSTILE);
  assert.equal(await app.docText(), HOSTILE);
  const reader = app.byTestId('doc-text');
  assert.equal(await reader.locator('img, script, a, b').count(), 0, 'no element was parsed from the text');
  assert.equal(await app.page.locator('img').count(), 0);
  await app.dragSelect(0, 10);
  await app.page.keyboard.press('2');
  await app.waitForSpanCount(1);
  assert.equal(await app.page.evaluate(() => window.__pwned), undefined);
  assert.match(await app.page.locator('[data-testid="doc-item"]').textContent(), /<b>Title<\/b>/);
});

test('the page declares a CSP that forbids foreign requests and inline script', async () => {
  const app = await session.newApp();
  const csp = await app.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /connect-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  // A fetch to another origin is refused by the browser.
  const refused = await app.page.evaluate(async () => {
    try { await fetch('http://127.0.0.2:9/x'); return false; } catch { return true; }
  });
  assert.ok(refused);
  env.problems.splice(0, env.problems.length, ...env.problems.filter((p) => !/Content Security Policy|Failed to fetch/.test(p) || !/127\.0\.0\.2/.test(p)));
  env.requests.splice(0, env.requests.length, ...env.requests.filter((u) => !u.includes('127.0.0.2')));
  assertNoProblems(env);
});
