// Test harness: serves the release build (dist/) on loopback (testing/serve.mjs, shared with the
// benchmark) and drives Debian's Chromium with playwright-core. Nothing here downloads a browser.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve as serveStatic, CHROMIUM, CHROMIUM_OPTIONS } from '../testing/serve.mjs';

export const DIST = resolve(fileURLToPath(new URL('../dist/', import.meta.url)));
export { CHROMIUM };

/** Serves `root` on 127.0.0.1 (a free port); resolves to { url, close }. */
export function serve(root = DIST) {
  return serveStatic(root);
}

/** Launches headless Chromium with the flags this closed network needs. */
export function launch() {
  return chromium.launch({ ...CHROMIUM_OPTIONS });
}

/**
 * A fresh browser context (its own IndexedDB) that records every request and every console error,
 * so a test can assert that nothing left the origin and nothing was refused by the CSP.
 */
export async function context(browser, origin, { annotator = 'tester' } = {}) {
  const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const requests = [];
  const problems = [];
  ctx.on('request', (r) => requests.push(r.url()));
  ctx.on('page', (page) => watch(page, problems));
  // Tests export as a named annotator (the first export otherwise asks for a name); `annotator:
  // null` leaves it unset, so the prompt shows.
  if (annotator !== null) {
    await ctx.addInitScript((name) => {
      try { if (!localStorage.getItem('spanmark.v1.annotator')) localStorage.setItem('spanmark.v1.annotator', name); } catch { /* storage blocked */ }
    }, annotator);
  }
  return {
    ctx, requests, problems,
    /** URLs requested outside `origin` (data: and blob: stay in the page). */
    foreignRequests: () => requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u)),
  };
}

function watch(page, problems) {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
}
