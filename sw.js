// Spanmark's service worker: keeps a copy of the app shell so that, after one visit, the app loads
// and works with the network off. Registered by init.js once the app has started.
//
// Versioning: Trunk builds with `filehash = false` (stable file names), so the cache is named after
// the build instead. The Trunk post_build hook scripts/sw-version.mjs replaces the two placeholders
// below in dist/sw.js with a content hash of every built file and the list of those files. A new
// build therefore yields a byte-different sw.js; the browser installs it next to the running one,
// it precaches the new files into a new cache, takes over, and deletes every older cache on activate.
//
// Strategy: cache-first with network fallback, for navigations (always answered with the cached
// index.html) and the shell's files alike: loads are instant and every file of one load comes from
// the same build. An update is fetched in the background and used from the next load on.
// Only same-origin GET requests are answered; anything else (there is none: the CSP forbids it) is
// left to the browser and never cached. Nothing fetched at run time is ever added to the cache.

const BUILD = '__BUILD_HASH__';
const FILES = /*__SHELL_FILES__*/ [];

const PREFIX = 'spanmark-shell-';
const CACHE = PREFIX + BUILD;
const INDEX = new URL('index.html', self.registration.scope).href;
const SCOPE = self.registration.scope;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // `reload`: bypass the HTTP cache so the copy is exactly this build's files.
    await cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })));
    // Every file of the new build is cached: take over at once (open pages keep running what they
    // have already loaded; the app loads everything at start-up).
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    const path = url.origin + url.pathname;
    if (path === SCOPE || path === INDEX) event.respondWith(cached(INDEX, request));
    return;
  }
  event.respondWith(cached(request, request));
});

/** The cached copy of `key`, else the network's answer to `request` (not cached). */
async function cached(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  return hit || fetch(request);
}
