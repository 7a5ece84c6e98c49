// Offline and installable: after one visit the service worker serves the whole app from its cache,
// so with the network off the app loads, keeps the workspace, annotates and exports. A new build
// (a different hash in sw.js) replaces the old cache. The storage indicator shows usage and quota.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { DIST } from '../harness.mjs';
import { startApp, assertNoProblems } from '../spanmark-page.mjs';
import { NORMALISED, offsetsOf } from '../fixtures.mjs';

let session, server;

before(async () => {
  session = await startApp({ app: false });
  ({ server } = session);
});

after(async () => {
  await session?.stop();
});

/** The cache version the build wrote into sw.js. */
async function buildHash(dir) {
  const sw = await readFile(join(dir, 'sw.js'), 'utf8');
  const m = sw.match(/const BUILD = '([0-9a-f]{16})';/);
  assert.ok(m, 'the post_build hook wrote a build hash into sw.js');
  return m[1];
}

async function builtFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).split(sep).join('/'))
    .filter((f) => f !== 'sw.js').sort();
}

/** Opens the app and waits until the service worker is active and controls the page. */
async function openControlled(app) {
  await app.open();
  await app.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // This first load went to the network; reload so that the page itself is served by the worker.
  await app.page.reload();
  await app.open();
  await app.page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

const cacheNames = (page) => page.evaluate(() => caches.keys());

test('after one visit the app loads and works offline, with the workspace intact', { timeout: 60_000 }, async () => {
  const { env, app } = await session.fresh({ open: false });
  await openControlled(app);
  const hash = await buildHash(DIST);
  assert.deepEqual(await cacheNames(app.page), [`spanmark-shell-${hash}`]);

  await app.paste('River report', NORMALISED);
  const [s, e] = offsetsOf(NORMALISED, 'Mayor Ana Ruiz');
  await app.dragSelect(s, e);
  await app.page.keyboard.press('2');
  await app.waitForSpanCount(1);
  await app.waitSaved();
  const before = await app.spans();

  await env.ctx.setOffline(true);
  const fromNetwork = [];
  app.page.on('response', (r) => { if (!r.fromServiceWorker()) fromNetwork.push(r.url()); });
  await app.page.reload();
  await app.open();
  assert.equal(await app.page.evaluate(() => navigator.onLine), false);
  assert.deepEqual(fromNetwork.filter((u) => !/^(data|blob):/.test(u)), [], 'every file came from the service worker');

  // The previous workspace is intact.
  assert.equal(await app.docText(), NORMALISED);
  assert.deepEqual(await app.spans(), before);
  assert.equal(await app.page.locator('[data-testid="doc-item"]').count(), 1);

  // A new span can be made and everything exported.
  const [fs, fe] = offsetsOf(NORMALISED, '646 homes');
  await app.dragSelect(fs, fe);
  await app.page.keyboard.press('1');
  await app.waitForSpanCount(2);
  await app.waitSaved();
  const { name, text } = await app.exportJsonl();
  assert.match(name, /\.jsonl$/);
  const [doc] = text.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(doc.spans.map((x) => x.text).sort(), ['646 homes', 'Mayor Ana Ruiz']);

  // The cache holds exactly the built app (nothing fetched at run time was added).
  const cached = await app.page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names[0]);
    return (await cache.keys()).map((r) => r.url);
  });
  assert.deepEqual(cached.map((u) => u.slice(server.url.length)).sort(), await builtFiles(DIST));

  await env.ctx.setOffline(false);
  await env.ctx.close();
  assertNoProblems(env);
});

test('the app is installable: manifest, icons, service worker', { timeout: 60_000 }, async () => {
  const { env, app } = await session.fresh({ open: false });
  await openControlled(app);
  const cdp = await env.ctx.newCDPSession(app.page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.equal(manifest.url, `${server.url}manifest.webmanifest`);
  assert.deepEqual(manifest.errors, []);
  const data = JSON.parse(manifest.data);
  assert.equal(data.name, 'Spanmark');
  assert.ok(data.icons.some((i) => i.sizes === '192x192') && data.icons.some((i) => i.sizes === '512x512'));
  // Chromium's own install criteria; a Playwright context is always incognito-like, which alone
  // prevents installing.
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), []);
  await env.ctx.close();
  assertNoProblems(env);
});

test('the storage indicator shows usage, quota and persistence', { timeout: 60_000 }, async () => {
  const { env, app } = await session.fresh();
  await app.paste('Usage', NORMALISED);
  await app.waitSaved();
  const indicator = app.byTestId('storage-indicator');
  await app.page.waitForFunction(() => Number(document.querySelector('[data-testid="storage-indicator"]').dataset.usage) > 0);
  const text = await indicator.textContent();
  assert.match(text, /^Storage: \d+(\.\d)? (B|kB|MB|GB) of \d+(\.\d)? (kB|MB|GB|TB) · (persistent|not persistent)$/);
  const quota = Number(await indicator.getAttribute('data-quota'));
  assert.ok(quota > 0, `quota ${quota}`);
  const persisted = await app.page.evaluate(() => navigator.storage.persisted());
  assert.equal(await indicator.getAttribute('data-persisted'), String(persisted));
  assert.match(text, persisted ? /· persistent$/ : /· not persistent$/);
  await env.ctx.close();
  assertNoProblems(env);
});

test('a new build replaces the old cache', { timeout: 60_000 }, async () => {
  // A copy of dist served on its own origin, changed in place to play the next release.
  const dir = await mkdtemp(join(tmpdir(), 'spanmark-sw-'));
  await cp(DIST, dir, { recursive: true });
  const copy = await startApp({ root: dir, browser: session.browser, open: false });
  const { env, app } = copy;
  try {
    await openControlled(app);
    const oldHash = await buildHash(dir);
    assert.deepEqual(await cacheNames(app.page), [`spanmark-shell-${oldHash}`]);

    // "Deploy" a new build: a changed page and a sw.js with another hash.
    const newHash = oldHash.split('').reverse().join('') === oldHash ? '0123456789abcdef' : oldHash.split('').reverse().join('');
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    await writeFile(join(dir, 'index.html'), html.replace('<title>Spanmark</title>', '<title>Spanmark (next build)</title>'));
    const sw = await readFile(join(dir, 'sw.js'), 'utf8');
    await writeFile(join(dir, 'sw.js'), sw.replace(`const BUILD = '${oldHash}';`, `const BUILD = '${newHash}';`));

    // The running version is served from the old cache; its start-up checks for an update.
    await app.page.reload();
    await app.open();
    assert.equal(await app.page.title(), 'Spanmark');
    const deadline = Date.now() + 20_000;
    let names;
    while (Date.now() < deadline) {
      names = await cacheNames(app.page);
      if (names.length === 1 && names[0] === `spanmark-shell-${newHash}`) break;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    assert.deepEqual(names, [`spanmark-shell-${newHash}`], 'the old cache is deleted when the new worker activates');

    // The next load is the new build, from the new cache, also offline.
    await env.ctx.setOffline(true);
    await app.page.reload();
    await app.open();
    assert.equal(await app.page.title(), 'Spanmark (next build)');
    await env.ctx.setOffline(false);
    await env.ctx.close();
    assertNoProblems(env);
  } finally {
    await copy.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
