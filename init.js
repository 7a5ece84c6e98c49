// Loads the app's WebAssembly. Kept out of index.html so the CSP can forbid inline scripts.
import init from './spanmark.js';

// Spanmark's formats module (crates/formats-web: every format but Spanmark JSONL), a second
// WebAssembly module Trunk builds beside the app. The app calls this the first time it needs the
// module (or when idle after start-up) and it loads once; a failed load (offline before the first
// visit cached it) is tried again on the next call. Same origin, so the CSP's script-src 'self'
// covers it; the service worker precaches both files. It lives here, not in a module the app
// imports, so that nothing but the app's own code stands between the page and start-up.
let formats = null;
globalThis.spanmarkLoadFormats = () => {
  if (!formats) {
    formats = (async () => {
      const module = await import(new URL('./spanmark-formats-web.js', import.meta.url).href);
      await module.default({ module_or_path: new URL('./spanmark-formats-web_bg.wasm', import.meta.url) });
      return module;
    })();
    formats.catch(() => { formats = null; });
  }
  return formats;
};

await init({ module_or_path: './spanmark_bg.wasm' });

// Offline support: once the app runs, the service worker (sw.js) keeps a copy of it. Registering
// also makes the browser check for a new build, which is then used from the next load on.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .register(new URL('./sw.js', import.meta.url))
    .catch((e) => console.warn('Spanmark: no offline copy (service worker not registered):', e));
}
