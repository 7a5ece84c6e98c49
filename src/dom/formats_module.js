// Loads Spanmark's formats module (crates/formats-web, a second WebAssembly module Trunk builds
// beside the app) the first time a file in another format than Spanmark JSONL is imported or
// exported, and keeps it. Same origin, so the CSP's script-src 'self' covers it; the service
// worker precaches both files, so it loads offline too.
let loading = null;

export function loadFormats() {
  if (!loading) {
    loading = (async () => {
      const base = document.baseURI;
      const module = await import(new URL('spanmark-formats-web.js', base).href);
      await module.default({ module_or_path: new URL('spanmark-formats-web_bg.wasm', base) });
      return module;
    })();
    // A failed load (offline before the first visit cached it) is tried again next time.
    loading.catch(() => { loading = null; });
  }
  return loading;
}
