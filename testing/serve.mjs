// The static server and the Chromium launch options shared by the e2e tests (e2e/harness.mjs) and
// the benchmark (bench/run.mjs). No dependencies: each caller passes its own playwright-core.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Headless Debian Chromium with the flags this closed network needs; nothing downloads a browser. */
export const CHROMIUM_OPTIONS = {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
  '.jsonl': 'application/jsonl', '.webmanifest': 'application/manifest+json', '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serves the release build in `root` on 127.0.0.1 (a free port), with no-cache and no other
 * headers (the app's CSP is its own <meta>). `mounts` serves more directories under URL prefixes,
 * e.g. { '/__bench/': benchDir }. `hint` says what to do when `root` has no index.html.
 * Resolves to { url, close }.
 */
export async function serve(root, { mounts = {}, hint = 'run ./x build first' } = {}) {
  root = resolve(root);
  await stat(join(root, 'index.html')).catch(() => {
    throw new Error(`no release build in ${root} (index.html missing): ${hint}`);
  });
  const roots = Object.entries(mounts).map(([prefix, dir]) => [prefix, resolve(dir)]);
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let base = root;
    const mount = roots.find(([prefix]) => path.startsWith(prefix));
    if (mount) { base = mount[1]; path = path.slice(mount[0].length - 1); }
    const file = normalize(join(base, path.endsWith('/') ? path + 'index.html' : path));
    if (file !== base && !file.startsWith(base + sep)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}
