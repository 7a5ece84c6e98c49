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

// Linking across documents (issue 20) runs in a Web Worker (link-worker.js), so the page stays
// responsive on a large workspace. `spanmarkLink(documents, suggest, stories, onProgress)`:
// `documents` encoded by spanmark_core::transfer (a Uint8Array, handed over, not copied),
// `stories` the user's edited stories as JSON or undefined; `onProgress(done, total)` is called as
// documents are read. Resolves to the Links as JSON. One worker, started on first use; requests
// are answered in order.
let linker = null;
let linkRequests = 0;
const linking = new Map();
globalThis.spanmarkLink = (documents, suggest, stories, onProgress) => {
  if (!linker) {
    linker = new Worker(new URL('./link-worker.js', import.meta.url), { type: 'module' });
    linker.onmessage = (event) => {
      const { id, progress, links, error, memory } = event.data;
      const request = linking.get(id);
      if (!request) return;
      if (progress) {
        request.onProgress?.(progress[0], progress[1]);
        return;
      }
      linking.delete(id);
      // The worker's WebAssembly memory (its peak so far), read by bench/link.mjs.
      if (memory) globalThis.spanmarkLinkMemory = memory;
      if (error !== undefined) request.reject(new Error(error));
      else request.resolve(links);
    };
    linker.onerror = (event) => {
      event.preventDefault?.();
      for (const request of linking.values()) request.reject(new Error(event.message || 'the linking worker failed'));
      linking.clear();
      linker.terminate();
      linker = null;
    };
  }
  const id = ++linkRequests;
  return new Promise((resolve, reject) => {
    linking.set(id, { resolve, reject, onProgress });
    linker.postMessage({ id, documents, suggest, stories }, [documents.buffer]);
  });
};

await init({ module_or_path: './spanmark_bg.wasm' });

// Offline support: once the app runs, the service worker (sw.js) keeps a copy of it. Registering
// also makes the browser check for a new build, which is then used from the next load on.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .register(new URL('./sw.js', import.meta.url))
    .catch((e) => console.warn('Spanmark: no offline copy (service worker not registered):', e));
}
