// Loads the app's WebAssembly. Kept out of index.html so the CSP can forbid inline scripts.
import init from './spanmark.js';

await init({ module_or_path: './spanmark_bg.wasm' });
