// Loads the app's WebAssembly. Kept out of index.html so the CSP can forbid inline scripts.
import init from './spanmark.js';

await init({ module_or_path: './spanmark_bg.wasm' });

// Offline support: once the app runs, the service worker (sw.js) keeps a copy of it. Registering
// also makes the browser check for a new build, which is then used from the next load on.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .register(new URL('./sw.js', import.meta.url))
    .catch((e) => console.warn('Spanmark: no offline copy (service worker not registered):', e));
}
