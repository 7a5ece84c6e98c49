// Page object for Spanmark: every interaction goes through data-testid hooks and real input
// (mouse drags, key presses), as a user would.
import assert from 'node:assert/strict';
import { serve, launch, context } from './harness.mjs';

/**
 * The set-up every test file shares: serve the release build (or a copy of it in `root`), launch
 * Chromium (or use `browser`, which `stop()` then leaves open) and open the app in a fresh context
 * (its own storage): `env` and `app`. With `open: false` the app's page is made but not navigated;
 * with `app: false` there is no first context. `fresh({ open })` makes another fresh context with
 * one app page, `newApp({ open })` another app page in `env`'s context (the same storage),
 * `newAppIn(env, { open })` another app page in a context `fresh()` made.
 * `stop()` closes what startApp started.
 */
export async function startApp({ root, browser, app = true, open = true, annotator } = {}) {
  const server = await serve(root);
  let own = null;
  try {
    if (!browser) browser = own = await launch();
    const newApp = async (env, { open = true } = {}) => {
      const app = new SpanmarkPage(await env.ctx.newPage(), server.url);
      if (open) await app.open();
      return app;
    };
    const session = {
      server, browser, env: null, app: null,
      fresh: async (options = {}) => {
        const env = await context(browser, server.url, { annotator: options.annotator });
        return { env, app: await newApp(env, options) };
      },
      newApp: (options) => newApp(session.env, options),
      newAppIn: (env, options) => newApp(env, options),
      stop: async () => { await own?.close(); await server.close(); },
    };
    if (app) Object.assign(session, await session.fresh({ open, annotator }));
    return session;
  } catch (e) {
    await own?.close();
    await server.close();
    throw e;
  }
}

export class SpanmarkPage {
  constructor(page, url) {
    this.page = page;
    this.url = url;
  }

  byTestId(id) { return this.page.locator(`[data-testid="${id}"]`); }

  /** Opens the app and waits until the saved workspace has loaded. */
  async open() {
    await this.page.goto(this.url);
    await this.page.waitForSelector('.app');
    await this.page.waitForFunction(() => document.querySelector('[data-testid="doc-list"]') !== null);
  }

  async paste(title, text) {
    if (!(await this.byTestId('paste-text').isVisible())) await this.byTestId('new-document').click();
    await this.byTestId('paste-title').fill(title);
    await this.byTestId('paste-text').fill(text);
    await this.byTestId('paste-submit').click();
    await this.byTestId('doc-text').waitFor();
    await this.page.waitForFunction(() => document.querySelector('[data-testid="doc-text"]').textContent.length > 0);
  }

  async docText() { return this.byTestId('doc-text').evaluate((el) => el.textContent); }

  /**
   * Viewport coordinates of the logical start (or, with side 'end', the logical end) of code point
   * `offset` of the reader's text. Right-to-left characters (Arabic script, or neutrals in a
   * right-to-left paragraph) start at their right edge.
   */
  async pointAt(offset, side = 'start') {
    return this.byTestId('doc-text').evaluate((root, [offset, side]) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const index = side === 'end' ? offset - 1 : offset;
      let left = index;
      let node;
      while ((node = walker.nextNode())) {
        const cps = Array.from(node.data);
        if (left < cps.length) {
          const before = cps.slice(0, left).join('').length;
          const range = document.createRange();
          range.setStart(node, before);
          range.setEnd(node, before + cps[left].length);
          const r = range.getClientRects()[0];
          const ch = cps[left];
          const para = node.parentElement.closest('.para');
          const paraRtl = para && getComputedStyle(para).direction === 'rtl';
          // Digits (Arabic-Indic ones too) run left to right even inside right-to-left text.
          const rtl = !/\p{N}/u.test(ch) && (/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(ch) || (!/\p{L}/u.test(ch) && paraRtl));
          const atRight = (side === 'end') !== rtl;
          return { x: atRight ? r.right - 1 : r.left + 1, y: r.top + r.height / 2 };
        }
        left -= cps.length;
      }
      throw new Error(`offset ${offset} is past the text`);
    }, [offset, side]);
  }

  /** Selects code points start..end by dragging the real mouse across them. */
  async dragSelect(start, end) {
    await this.scrollIntoView(start);
    const from = await this.pointAt(start);
    const to = await this.pointAt(end, 'end');
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
    await this.page.mouse.move(to.x, to.y, { steps: 4 });
    await this.page.mouse.up();
  }

  /** Scrolls code point `offset` into view and waits until the reader has drawn that part. */
  async scrollIntoView(offset) {
    // A raw chunk's text scrolls as one block: once drawn, centre the exact paragraph again.
    for (let pass = 0; pass < 2; pass++) {
      await this.byTestId('doc-text').evaluate((root, offset) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let left = offset;
        let node;
        while ((node = walker.nextNode())) {
          const n = Array.from(node.data).length;
          if (left < n) { node.parentElement.scrollIntoView({ block: 'center' }); return; }
          left -= n;
        }
      }, offset);
      await this.waitDrawn();
    }
  }

  /** Waits until no part of the reader in view is still a raw (not yet drawn) chunk. */
  async waitDrawn() {
    await this.page.waitForFunction(() => {
      const root = document.querySelector('[data-testid="doc-text"]');
      const view = root.closest('.reader-scroll').getBoundingClientRect();
      return ![...root.querySelectorAll('.chunk.raw')].some((c) => {
        const r = c.getBoundingClientRect();
        return r.bottom > view.top && r.top < view.bottom;
      });
    }, null, { polling: 'raf' });
  }

  /** The span list as plain objects, in list order. */
  async spans() {
    return this.page.locator('[data-testid="span-item"]').evaluateAll((items) => items.map((li) => ({
      label: li.dataset.label, start: Number(li.dataset.start), end: Number(li.dataset.end),
    })));
  }

  async waitForSpanCount(n) {
    await this.page.waitForFunction((n) => document.querySelectorAll('[data-testid="span-item"]').length === n, n);
  }

  /** Clicks Export and returns the downloaded file's text (giving a name if asked for one). */
  async exportJsonl() {
    const downloaded = this.page.waitForEvent('download');
    await this.byTestId('export-jsonl').click();
    const first = await Promise.race([
      downloaded.then(() => 'download'),
      this.byTestId('annotator-name').waitFor().then(() => 'prompt', () => 'none'),
    ]);
    if (first === 'prompt') {
      await this.byTestId('annotator-name').fill('tester');
      await this.byTestId('annotator-save').click();
    }
    const download = await downloaded;
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  async importFile(name, contents) {
    await this.byTestId('import-file').setInputFiles({ name, mimeType: 'application/jsonl', buffer: Buffer.from(contents, 'utf8') });
  }

  /** Waits until everything is saved (the app marks <html data-saved> after each durable write). */
  async waitSaved() {
    await this.page.waitForFunction(() => document.documentElement.dataset.saveState === 'saved');
  }
}

/** Slices by code points, as Python does. */
export function sliceCodePoints(text, start, end) {
  return Array.from(text).slice(start, end).join('');
}

export function assertNoProblems(env) {
  assert.deepEqual(env.problems, [], 'console errors or CSP violations');
  assert.deepEqual(env.foreignRequests(), [], 'requests that left the origin');
}
