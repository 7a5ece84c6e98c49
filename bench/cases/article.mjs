// The articles (10 kB, 100 kB, 1 MB and a tiny one) imported into the app: the page that `open`,
// `edit`, `scroll`, `suggest` and `profile` run on (b.app).
import { defineCase, log } from '../lib/runner.mjs';
import { appPage, gotoReady, importJsonl, waitSaved } from '../lib/pages.mjs';

export const appArticle = defineCase('app-article', 300_000, async (b) => {
  const app = (b.app = await appPage(b.articleCtx, 0));
  await gotoReady(app, b.url);
  await app.evaluate(() => { window.__bench.expectDocs = 4; window.__bench.readyAt = null; });
  await importJsonl(app, 'articles.jsonl', b.articlesJsonl);
  await app.waitForFunction(() => window.__listedDocs() === 4, null, { timeout: 120_000 });
  await waitSaved(app, 120_000);
  log('  articles imported and saved');
});
