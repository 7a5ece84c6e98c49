// Every dataset format from the app: the export dialog previews the first record and lists
// warnings before download; imports detect the format, pair brat files, summarise, and keep only
// valid records when the user asks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, assertNoProblems } from '../spanmark-page.mjs';
import { NORMALISED, offsetsOf } from '../fixtures.mjs';

let session, env, app;

before(async () => {
  session = await startApp();
  ({ env, app } = session);
  await app.paste('Formats', NORMALISED);
  // A claim with a quote nested inside, and a figure that ends inside a word.
  const tag = async (needle, key) => {
    const [s, e] = offsetsOf(NORMALISED, needle);
    await app.dragSelect(s, e);
    await app.page.keyboard.press(key);
  };
  await tag('Officials said at least 646 homes were evacuated', '1');
  await tag('at least 646 homes', '2');
  await tag('Mayor Ana Ruiz', '2');
  await app.waitForSpanCount(3);
});

after(async () => {
  await session?.stop();
});

/** Documents in the list (its rows are drawn only near the view). */
const docCount = async () => Number(await app.byTestId('doc-list').getAttribute('data-count'));

async function download(format) {
  await app.byTestId('export-open').click();
  await app.byTestId('export-format').selectOption(format);
  await app.page.locator('.dialog[aria-busy="false"]').waitFor();
  await app.page.waitForFunction(() => document.querySelector('[data-testid="export-preview"]').textContent.length > 0);
  const preview = await app.byTestId('export-preview').textContent();
  const warnings = await app.byTestId('export-warnings').locator('li').allTextContents();
  const [file] = await Promise.all([app.page.waitForEvent('download'), app.byTestId('export-download').click()]);
  const chunks = [];
  for await (const c of await file.createReadStream()) chunks.push(c);
  return { preview, warnings, name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

test('spaCy export: preview of the first record, no warnings, a JSONL file', async () => {
  const { preview, warnings, name, bytes } = await download('spacy');
  assert.ok(preview.startsWith('{"text":'), preview.slice(0, 80));
  assert.ok(preview.includes('"tokens"'));
  assert.match(warnings.join(), /None/);
  assert.match(name, /\.jsonl$/);
  const record = JSON.parse(bytes.toString('utf8').split('\n')[0]);
  assert.equal(record.text, NORMALISED);
  assert.equal(record.spans.length, 3);
});

test('IOB2 export warns about a span that splits a token, naming it', async () => {
  const [s, e] = offsetsOf(NORMALISED, '46 hom');
  await app.dragSelect(s, e);
  await app.page.keyboard.press('3');
  await app.waitForSpanCount(4);
  await app.byTestId('export-open').click();
  await app.byTestId('export-format').selectOption('iob2');
  await app.byTestId('export-layers').waitFor();
  await app.page.locator('.dialog[aria-busy="false"]').waitFor();
  const warnings = await app.byTestId('export-warnings').locator('li').allTextContents();
  assert.ok(warnings.some((w) => w.includes(`${s}..${e}`) || w.includes('46 hom')), warnings.join('\n'));
  await app.page.keyboard.press('Escape');
  await app.byTestId('export-format').waitFor({ state: 'detached' });
  await app.page.keyboard.press('Control+z');
  await app.waitForSpanCount(3);
});

test('brat export is a zip; the pair of its files imports back with the same spans', async () => {
  const { name, bytes } = await download('brat');
  assert.match(name, /\.zip$/);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  await app.byTestId('import-file').setInputFiles({ name: 'round.zip', mimeType: 'application/zip', buffer: bytes });
  await app.byTestId('import-summary').waitFor();
  assert.match(await app.byTestId('import-summary').textContent(), /Imported 1 document\(s\) with 3 span\(s\) from 1 file\(s\)/);
  await app.waitForSpanCount(3);
});

test('a .txt + .ann pair and a doccano file, detected from content, in one pick', async () => {
  const text = 'Ruiz said 40 boats sank.';
  const ann = 'T1\tspeaker 0 4\tRuiz\nT2\tfigure 10 18\t40 boats\n';
  const doccano = JSON.stringify({ text: 'A ‘quote’ 😀 here', label: [[2, 9, 'quote']] });
  await app.byTestId('import-file').setInputFiles([
    { name: 'wire.txt', mimeType: 'text/plain', buffer: Buffer.from(text) },
    { name: 'wire.ann', mimeType: 'text/plain', buffer: Buffer.from(ann) },
    { name: 'doccano.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(doccano + '\n') },
  ]);
  await app.page.waitForFunction(() => /Imported 2 document\(s\) with 3 span\(s\) from 3 file\(s\)/.test(document.querySelector('[data-testid="import-summary"]')?.textContent ?? ''));
  await app.page.locator('[data-testid="doc-item"]', { hasText: 'A ‘quote’' }).click();
  await app.waitForSpanCount(1);
  assert.deepEqual(await app.spans(), [{ label: 'quote', start: 2, end: 9 }]);
});

test('a spaCy file of several read slices imports whole; a bad last line rejects all of it', async () => {
  // The file is read and parsed 2 MiB at a time: lines (with multi-byte text) cross the slices.
  const { bytes } = await download('spacy');
  const task = JSON.parse(bytes.toString('utf8').split('\n')[0]);
  const lines = [];
  for (let i = 0, size = 0; size < 5_000_000; i++) {
    const line = JSON.stringify({ ...task, meta: { ...task.meta, id: `big-${i}`, title: `Big ${i} «é» 😀` } });
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  const docs = await docCount();
  const broken = [...lines.slice(0, -1), '{"text": "Short", "spans": [{"start": 0, "end": 50, "label": "claim"}]}'];
  await app.byTestId('import-file').setInputFiles({ name: 'big.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(`${broken.join('\n')}\n`) });
  await app.byTestId('error').waitFor({ state: 'visible' });
  assert.match(await app.byTestId('error').textContent(), new RegExp(`big\\.jsonl, line ${lines.length}: `));
  assert.equal(await docCount(), docs, 'nothing was added');

  await app.byTestId('import-file').setInputFiles({ name: 'big.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(`${lines.join('\r\n')}\r\n`) });
  const summary = `Imported ${lines.length} document(s) with ${3 * lines.length} span(s) from 1 file(s)`;
  await app.page.waitForFunction((s) => (document.querySelector('[data-testid="import-summary"]')?.textContent ?? '').includes(s), summary);
  assert.equal(await docCount(), docs + lines.length);
  // The first document imported is opened.
  await app.waitForSpanCount(3);
  assert.equal(await app.docText(), NORMALISED);
  assertNoProblems(env);
});

test('a bad record rejects the file; "import the valid records" keeps the rest', async () => {
  const docs = await docCount();
  const good = JSON.stringify({ text: 'Valid line', label: [[0, 5, 'claim']] });
  const bad = JSON.stringify({ text: 'Short', label: [[0, 50, 'claim']] });
  await app.byTestId('import-file').setInputFiles({ name: 'mixed.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(`${good}\n${bad}\n`) });
  await app.byTestId('error').waitFor({ state: 'visible' });
  assert.match(await app.byTestId('error').textContent(), /mixed\.jsonl, line 2/);
  assert.equal(await docCount(), docs);
  await app.byTestId('import-valid').click();
  await app.page.waitForFunction(() => /Imported 1 document\(s\) with 1 span\(s\)/.test(document.querySelector('[data-testid="import-summary"]')?.textContent ?? ''));
  assert.equal(await docCount(), docs + 1);
  assert.match(await app.byTestId('import-summary').textContent(), /skipped/);
  assertNoProblems(env);
});
