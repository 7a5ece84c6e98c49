// A small static server on loopback: the app's release build at `/`, and bench/ (reference pages,
// generated data, node_modules for the peer library) under `/__bench/`. Nothing is bundled.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
  '.jsonl': 'application/jsonl', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml',
};

export async function serve(dist, benchDir) {
  dist = resolve(dist);
  benchDir = resolve(benchDir);
  await stat(join(dist, 'index.html')).catch(() => {
    throw new Error(`no release build in ${dist} (index.html missing): pass --dist DIR`);
  });
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let root = dist;
    if (path.startsWith('/__bench/')) { root = benchDir; path = path.slice('/__bench'.length); }
    const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
    if (file !== root && !file.startsWith(root + sep)) { res.writeHead(403).end(); return; }
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
