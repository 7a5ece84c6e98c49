// Links stories, quotes and figures across documents (issue 20) off the page's thread. A module
// worker the page's loader (init.js) starts on first use; it loads the formats module
// (crates/formats-web, which holds the linker and the suggestion engine) once and answers each
// message { id, documents, suggest, stories } with progress messages { id, progress: [done, total] }
// and then { id, links, memory } (the Links as JSON, the module's memory in bytes) or { id, error }.
// Same origin (worker-src 'self').
import init, { link_documents } from './spanmark-formats-web.js';

const ready = init({ module_or_path: new URL('./spanmark-formats-web_bg.wasm', import.meta.url) });

self.onmessage = async (event) => {
  const { id, documents, suggest, stories } = event.data;
  try {
    await ready;
    const progress = (done, total) => self.postMessage({ id, progress: [done, total] });
    const links = link_documents(documents, suggest, stories ?? undefined, progress);
    // The module's memory after linking (it only grows: its peak), for the benchmark.
    self.postMessage({ id, links, memory: (await ready).memory.buffer.byteLength });
  } catch (e) {
    self.postMessage({ id, error: String(e && e.message ? e.message : e) });
  }
};
