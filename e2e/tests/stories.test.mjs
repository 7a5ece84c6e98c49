// Stories across documents (issue 20): three articles about one invented event (different outlets'
// styles, a shared quote re-cased and cut short, figures that differ) and one unrelated article;
// the Stories view groups them (linked in a worker), shows the quote cluster and a divergent or
// contradictory figure group, opens an occurrence in the reader, and exports the links file. The
// user's merges, splits and names are kept in the workspace: a reload keeps them, undo takes them
// back, the links file and the native export carry them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, assertNoProblems } from '../spanmark-page.mjs';
import { STORY_ARTICLES as ARTICLES } from '../fixtures.mjs';

let session, env, app;

before(async () => {
  session = await startApp();
  ({ env, app } = session);
  for (const [title, text] of Object.entries(ARTICLES)) await app.paste(title, text);
});

after(async () => {
  await session?.stop();
});

const codePoints = (text, start, end) => Array.from(text).slice(start, end).join('');

async function openStories() {
  await app.byTestId('stories-open').click();
  await app.page.locator('[data-testid="stories-progress"][data-state="done"]').waitFor();
  await app.byTestId('story-item').first().waitFor();
}

test('stories: grouped, a quote cluster, a figure group, an occurrence opened, the links exported', async () => {
  // Offsets count code points of the documents' text as stored (the paste panel leaves page chrome
  // and a byline line out of the pasted text).
  const { text: workspace } = await app.exportJsonl();
  const byId = Object.fromEntries(workspace.trim().split('\n').map((l) => JSON.parse(l)).map((d) => [d.id, d.text]));
  await openStories();
  const items = app.page.locator('[data-testid="story-item"]');
  assert.equal(await items.count(), 2, 'the event and the unrelated article');
  assert.equal(await items.first().getAttribute('aria-current'), 'true');
  assert.equal((await items.first().locator('.story-count').textContent()).trim(), '3');

  // The shared quote: in capitals, in full and cut short — one cluster, no speaker conflict.
  const cluster = app.page.locator('[data-testid="quote-cluster"]');
  assert.equal(await cluster.count(), 1);
  assert.equal(await cluster.getAttribute('data-conflict'), 'false');
  assert.match(await cluster.locator('h5').textContent(), /We warned the ministry three times and nobody came to inspect the Orlan Dam/);
  const occurrences = cluster.locator('[data-testid="quote-occurrence"]');
  assert.equal(await occurrences.count(), 3);

  // The death toll: "around 1,500" against "at least 480".
  const deaths = app.page.locator('[data-testid="figure-group"]', { hasText: 'deaths' });
  assert.match(await deaths.getAttribute('data-status'), /^(divergent|contradictory)$/);
  const rows = deaths.locator('[data-testid="figure-row"]');
  assert.ok(await rows.count() >= 2);
  const table = await deaths.textContent();
  assert.match(table, /1,350 – 1,650/);
  assert.match(table, /≥ 480/);
  assert.match(table, /Kestrel Bay Rights Monitor/);

  // ↓ moves to the unrelated story (no quotes, no figures), ↑ back.
  await items.first().focus();
  await app.page.keyboard.press('ArrowDown');
  assert.equal(await items.nth(1).getAttribute('aria-current'), 'true');
  assert.equal(await app.page.locator('[data-testid="quote-cluster"]').count(), 0);
  await app.page.keyboard.press('ArrowUp');
  assert.equal(await items.first().getAttribute('aria-current'), 'true');

  // The links file.
  const [download] = await Promise.all([app.page.waitForEvent('download'), app.byTestId('stories-export').click()]);
  assert.match(download.suggestedFilename(), /^spanmark-links-.*\.jsonl$/);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  const lines = Buffer.concat(chunks).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines[0], { format: 'spanmark-links/1', offsetUnit: 'codepoint', stories: 2, quotes: 1, figures: lines[0].figures });
  assert.ok(lines[0].figures >= 1);
  const stories = lines.filter((l) => l.type === 'story');
  assert.deepEqual(stories.map((s) => s.documents.length), [3, 1]);
  const quote = lines.find((l) => l.type === 'quote');
  assert.equal(quote.occurrences.length, 3);
  const texts = Object.values(ARTICLES);
  const [, dailyId] = stories[0].documents;
  for (const o of quote.occurrences) {
    assert.equal(codePoints(byId[o.document], o.start, o.end), o.text, 'code-point offsets into the stored text');
  }
  const figure = lines.find((l) => l.type === 'figure' && l.quantity === 'deaths');
  assert.match(figure.status, /^(divergent|contradictory)$/);
  assert.ok(figure.occurrences.some((o) => o.qualifier === 'at least' && o.min === 480 && o.max === null));
  assert.ok(figure.occurrences.some((o) => o.qualifier === 'about' && o.value === 1500), 'around 1,500 reads as about 1,500');
  assert.ok(texts.length === 4);

  // The cross-document W3C annotations: one annotation, several targets.
  const [w3c] = await Promise.all([app.page.waitForEvent('download'), app.byTestId('stories-export-w3c').click()]);
  const w3cChunks = [];
  for await (const c of await w3c.createReadStream()) w3cChunks.push(c);
  const collection = JSON.parse(Buffer.concat(w3cChunks).toString('utf8'));
  assert.equal(collection.type, 'AnnotationCollection');
  const linking = collection.first.items.find((a) => a.motivation === 'linking' && a.body.some((b) => b.value === 'quote-cluster'));
  assert.equal(linking.target.length, 3);

  // An occurrence opens that document in the reader with the quote selected.
  const daily = quote.occurrences.find((o) => o.document === dailyId);
  await occurrences.nth(1).click();
  await app.byTestId('stories').waitFor({ state: 'detached' });
  await app.page.waitForFunction((t) => document.querySelector('.reader-title')?.textContent === t, 'The Halvik Daily');
  await app.page.waitForFunction((t) => window.getSelection().toString() === t, daily.text);

  // g opens the view again (by keyboard); Escape closes it.
  await app.page.keyboard.press('Escape');
  await app.page.mouse.click(5, 400);
  await app.page.keyboard.press('g');
  await app.byTestId('stories').waitFor();
  await app.page.keyboard.press('Escape');
  await app.byTestId('stories').waitFor({ state: 'detached' });
  assertNoProblems(env);
});

test('stories: merge, split and rename', async () => {
  await openStories();
  const items = app.page.locator('[data-testid="story-item"]');
  // Merge the unrelated story into the event: one story of four.
  await app.byTestId('story-merge').click();
  await app.page.locator('[data-testid="stories-progress"][data-state="done"]').waitFor();
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="story-item"]').length === 1);
  assert.equal((await items.first().locator('.story-count').textContent()).trim(), '4');
  // Split it off again: check the last document, split.
  await app.page.locator('.story-documents input[type=checkbox]').last().check();
  await app.byTestId('story-split').click();
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="story-item"]').length === 2);
  // Rename the new story with the keyboard.
  await app.byTestId('story-name').fill('Ferries');
  await app.byTestId('story-name').press('Enter');
  await app.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="story-item"]')].some((b) => b.textContent.includes('Ferries')));
  // The event's quote cluster is still found.
  await items.first().click();
  assert.equal(await app.page.locator('[data-testid="quote-cluster"]').count(), 1);
  // A story's document opens in the reader.
  await app.page.locator('.story-documents .link-button', { hasText: 'Live blog' }).click();
  await app.byTestId('stories').waitFor({ state: 'detached' });
  await app.page.waitForFunction((t) => document.querySelector('.reader-title')?.textContent === t, 'Live blog');
  assertNoProblems(env);
});

/** Reloads the page and waits until the workspace has loaded and this tab writes. */
async function reload() {
  await app.waitSaved();
  await app.page.reload();
  await app.open();
  await app.page.waitForFunction(() => {
    const root = document.documentElement.dataset;
    return root.writer === 'writing' && root.workspace === 'loaded';
  });
}

const storyNames = () => app.page.evaluate(() =>
  [...document.querySelectorAll('[data-testid="story-item"] .story-title')].map((e) => e.textContent));

async function downloadText(testId) {
  const [download] = await Promise.all([app.page.waitForEvent('download'), app.byTestId(testId).click()]);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

test('stories: the edits are kept in the workspace — reload, merge by keyboard, undo, exports', async () => {
  // The split and the name of the test before survive a reload.
  await reload();
  await openStories();
  const items = app.page.locator('[data-testid="story-item"]');
  assert.equal(await items.count(), 2);
  assert.equal((await storyNames())[1], 'Ferries');

  // Merge by keyboard: from the list, Tab into the story, to "Merge in", Tab to Merge, Enter.
  await items.first().focus();
  await app.byTestId('story-merge-from').focus();
  assert.equal(await app.byTestId('story-merge-from').inputValue(), await items.nth(1).getAttribute('data-story'));
  await app.page.keyboard.press('Tab');
  assert.equal(await app.page.evaluate(() => document.activeElement.dataset.testid), 'story-merge');
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="story-item"]').length === 1);
  await app.page.locator('[data-testid="stories-progress"][data-state="done"]').waitFor();
  assert.equal((await items.first().locator('.story-count').textContent()).trim(), '4');
  // And name the merged story.
  await app.byTestId('story-name').fill('Orlan Dam, all outlets');
  await app.byTestId('story-name').press('Enter');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="story-item"] .story-title')?.textContent === 'Orlan Dam, all outlets');

  // Reloaded: one story of four, with its name.
  await reload();
  await openStories();
  assert.deepEqual(await storyNames(), ['Orlan Dam, all outlets']);
  assert.equal((await items.first().locator('.story-count').textContent()).trim(), '4');
  assert.equal(await app.byTestId('story-name').inputValue(), 'Orlan Dam, all outlets');

  // The links file carries the name and the grouping.
  const links = (await downloadText('stories-export')).trim().split('\n').map((l) => JSON.parse(l));
  const stories = links.filter((l) => l.type === 'story');
  assert.equal(stories.length, 1);
  assert.equal(stories[0].name, 'Orlan Dam, all outlets');
  assert.equal(stories[0].renamed, true);
  assert.equal(stories[0].documents.length, 4);
  const w3c = JSON.parse(await downloadText('stories-export-w3c'));
  const story = w3c.first.items.find((a) => a.body.some((b) => b.value === 'story'));
  assert.ok(story.body.some((b) => b.value === 'Orlan Dam, all outlets'));
  assert.equal(story.target.length, 4);

  // Undo (Ctrl+Z, from the list): the name, then the merge.
  await items.first().focus();
  await app.page.keyboard.press('Control+z');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="story-item"] .story-title')?.textContent !== 'Orlan Dam, all outlets');
  await app.page.locator('[data-testid="stories-progress"][data-state="done"]').waitFor();
  assert.equal(await items.count(), 1);
  await items.first().focus();
  await app.page.keyboard.press('Control+z');
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="story-item"]').length === 2);
  assert.equal((await storyNames())[1], 'Ferries');
  // Redo the merge and close the view.
  await items.first().focus();
  await app.page.keyboard.press('Control+Shift+z');
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="story-item"]').length === 1);
  await app.page.keyboard.press('Escape');
  await app.byTestId('stories').waitFor({ state: 'detached' });

  // The workspace's own export carries each document's story; the ferry article keeps the id of
  // the story it was merged into.
  const { text } = await app.exportJsonl();
  const docs = text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(docs.length, 4);
  assert.equal(new Set(docs.map((d) => d.story)).size, 1, 'one story');
  assert.ok(docs.every((d) => typeof d.story === 'string' && d.story_name === undefined));
  assertNoProblems(env);
});
