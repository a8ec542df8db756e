// End-to-end: a teacher's own data in the network workspace, in the release build in headless
// Chromium: a CSV file chosen and trained on, kept in the link and across a reload; a broken or
// huge file refused in words with the workspace unchanged; any data set exported as CSV; and the
// "above or below y = f(x)" set, checked point by point from its export.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, useApp } from './harness.mjs';

const app = useApp();
const EXAM = fileURLToPath(new URL('../../docs/data/exam.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'chainrule-data-'));

/** The app on its network tab; a link that names the network opens there itself. */
async function network(link) {
  if (link) return open(app.browser, link, { ready: '[data-testid="network"]' });
  const opened = await open(app.browser, app.server.url);
  await opened.page.click('[data-testid="tab-network"]');
  return opened;
}

const text = (page, id) => page.textContent(`[data-testid="${id}"]`);

/** The CSV the "Export data" button downloads. */
async function exported(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="export-data"]'),
  ]);
  return readFileSync(await download.path(), 'utf8');
}

test('a CSV file is chosen, trained on, and kept in the link and across a reload', async () => {
  const { page, context, errors } = await network();
  await page.selectOption('[data-testid="data-set"]', 'rows');
  await page.setInputFiles('[data-testid="import-file"]', EXAM);
  await page.waitForSelector('[data-testid="import-summary"]');
  // The file's own columns, chosen as a teacher would expect: the first two in, the last the label.
  assert.equal(await text(page, 'import-summary'), '120 rows, classification: fail is −1, pass is +1');
  await page.click('[data-testid="import-use"]');
  assert.equal(
    await text(page, 'rows-summary'),
    'exam.csv: hours studied, hours slept → result (fail −1, pass +1) Another file…',
  );
  assert.equal(await page.inputValue('[data-testid="data-points"]'), '120');
  await page.click('[data-testid="train-play"]');
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="test-accuracy"]').dataset.value) > 0.8,
    null,
    { timeout: 30_000, polling: 100 },
  );
  await page.click('[data-testid="train-play"]');
  const link = await page.evaluate(() => location.href);
  assert.match(link, /data=rows/);
  assert.match(link, /rows=3\.2%3A4\.1%3A-1%3B/, 'the first row, its decimal commas read');
  await page.reload();
  await page.waitForSelector('[data-testid="rows-summary"]');
  assert.match(await text(page, 'rows-summary'), /^exam\.csv: hours studied/);
  // The same link in a fresh page opens the same data.
  const other = await network(link);
  assert.match(await text(other.page, 'rows-summary'), /^exam\.csv/);
  assert.equal(await other.page.inputValue('[data-testid="data-points"]'), '120');
  // The export reads back as the data: 120 rows, the file's labels, split 60/60.
  const csv = (await exported(other.page)).trim().split('\n');
  assert.equal(csv[0], 'hours studied (standard),hours slept (standard),result,set');
  assert.equal(csv.length, 121);
  assert.equal(csv.filter((l) => l.endsWith(',train')).length, 60);
  assert.ok(csv.slice(1).every((l) => /,(pass|fail),(train|test)$/.test(l)));
  await other.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken file is refused with its row and column, and the workspace is unchanged', async () => {
  const { page, context, errors } = await network();
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'x1,x2,label\r\n1,2,a\r\n3,,b\r\n');
  await page.selectOption('[data-testid="data-set"]', 'rows');
  await page.setInputFiles('[data-testid="import-file"]', bad);
  await page.waitForSelector('[data-testid="import-problem"]');
  assert.equal(await text(page, 'import-problem'), "Row 3, column 'x2': the value is missing");
  assert.ok(await page.isDisabled('[data-testid="import-use"]'));
  const one = join(dir, 'one.csv');
  writeFileSync(one, 'x1,x2,label\n1,2,a\n3,4,a\n');
  await page.setInputFiles('[data-testid="import-file"]', one);
  await page.waitForFunction(() => document.querySelector('[data-testid="import-problem"]')?.textContent.includes('one value only'));
  await page.click('[data-testid="import-cancel"]');
  assert.equal(await page.inputValue('[data-testid="data-set"]'), 'xor');
  assert.equal(await page.inputValue('[data-testid="data-points"]'), '500');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 50 MB file is refused at the row past the limit, and the page keeps answering', async () => {
  const big = join(dir, 'big.csv');
  const fd = openSync(big, 'w');
  writeSync(fd, 'x1,x2,label\n');
  const block = Array.from({ length: 10_000 }, (_, i) => `${(i % 97) / 7},${(i % 89) / 3},${i % 2 ? 'yes' : 'no'}\n`).join('');
  let bytes = 0;
  while (bytes < 50e6) bytes += writeSync(fd, block);
  closeSync(fd);
  const { page, context, errors } = await network();
  await page.selectOption('[data-testid="data-set"]', 'rows');
  const start = Date.now();
  await page.setInputFiles('[data-testid="import-file"]', big);
  await page.waitForSelector('[data-testid="import-problem"]', { timeout: 60_000 });
  console.log(`# a 50 MB file refused in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  assert.equal(
    await text(page, 'import-problem'),
    'Row 100002: the file has more than 100000 rows of data, the most a data set holds here',
  );
  // Still answering: a click on another tab is handled at once.
  await page.click('[data-testid="tab-expression"]', { timeout: 2000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('"above or below y = f(x)" labels every point by its side of the typed curve', async () => {
  const { page, context, errors } = await network();
  await page.selectOption('[data-testid="data-set"]', { label: 'Above or below y = f(x)' });
  await page.fill('[data-testid="data-function"]', '3 sin(x)');
  await page.dispatchEvent('[data-testid="data-function"]', 'change');
  await page.fill('[data-testid="data-margin"]', '0.5');
  await page.dispatchEvent('[data-testid="data-margin"]', 'change');
  assert.match(await page.evaluate(() => location.hash), /data=boundary%3A0\.5%3A3(\+|%20)sin%28x%29/);
  const rows = (await exported(page)).trim().split('\n');
  assert.equal(rows[0], 'x1,x2,label,set');
  assert.equal(rows.length, 501);
  for (const row of rows.slice(1)) {
    const [x1, x2, label] = row.split(',').map(Number);
    const gap = x2 - 3 * Math.sin(x1);
    assert.ok(Math.abs(gap) >= 0.5, `${row} lies in the margin`);
    assert.equal(label, Math.sign(gap), row);
  }
  // A curve with another variable is refused in words and the data set stays.
  await page.fill('[data-testid="data-function"]', 'x + y');
  await page.dispatchEvent('[data-testid="data-function"]', 'change');
  assert.match(await text(page, 'setup-problem'), /may use only the variable x/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('whatever is pasted gets what was read or what is wrong, never an error', async () => {
  const { page, context, errors } = await network();
  await page.selectOption('[data-testid="data-set"]', 'rows');
  const pastes = [
    ['x1', /^The file has one column \('x1'\)/],
    ['a,b,c', /^The file has a header but no rows of data$/],
    ['"a,b\n1,2', /^Row 1: a quote is opened and never closed$/],
    ['x,y,l\n1,2,a\n3,4,b\n5,6,c', /^Row 2, column 'l': 'a' is not a number, and a label column of words must hold two values/],
    ['x,y,l\n1e400,2,a\n3,4,b', /^Row 2, column 'x': '1e400' is not a number$/],
    ['x,y,l\nNaN,2,a\n3,4,b', /^Row 2, column 'x': 'NaN' is not a number$/],
    [',,\n1,2,3', /^Column 1 of the header has no name/],
    ['x,x,l\n1,2,a', /^Columns 1 and 2 are both named 'x'/],
    ['\u0000\u0001,\u00ff\n1,2\n3,4', /^2 rows, classification: 2 is −1, 4 is \+1$/],
    ['é;ü;ß\n1,5;2;ja\n3;4;nein', /^2 rows, classification: ja is −1, nein is \+1$/],
    // Too large for a number, and quoted in the message only in part.
    [`x,y,l\n${'9'.repeat(5000)},1,a\n2,3,b`, /^Row 2, column 'x': '9{24}…' is not a number$/],
  ];
  for (const [text, expected] of pastes) {
    await page.fill('[data-testid="import-text"]', text);
    const shown = await page.evaluate(() =>
      (document.querySelector('[data-testid="import-problem"]') ?? document.querySelector('[data-testid="import-summary"]')).textContent);
    assert.match(shown, expected, JSON.stringify(text.slice(0, 40)));
    const usable = !(await page.isDisabled('[data-testid="import-use"]'));
    assert.equal(usable, /^\d+ rows/.test(shown), shown);
  }
  await page.click('[data-testid="import-cancel"]');
  assert.equal(await page.inputValue('[data-testid="data-set"]'), 'xor');
  assert.deepEqual(errors, []);
  await context.close();
});
