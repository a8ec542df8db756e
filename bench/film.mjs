// Figures for the walk's export, measured on the release build in headless Chromium (run
// `trunk build --release` first): the lecture's example at 1280×720, each step held 2 s, made
// three times in each format through the export dialog as a teacher would. For each: the time
// from Export to the file (median of three), the file's size, and for the GIF the longest a
// frame's own work held up the page (finding its changes, looking up its colours, compressing).
//
//   node bench/film.mjs

import { launch, open, serve } from '../tests/e2e/harness.mjs';

const LECTURE = 'e=sqrt%28x%5E2+%2B+exp%28x%5E2%29%29+%2B+cos%28x%5E2+%2B+exp%28x%5E2%29%29&at=x%3D2';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (ms) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);

const server = await serve();
const browser = await launch();
const { page, context } = await open(browser, `${server.url}#${LECTURE}`);
await page.selectOption('[data-testid="export"]', 'film');
await page.waitForSelector('[data-testid="film"]');

const rows = [];
for (const [format, label] of [['gif', 'animated GIF'], ['webm', 'WebM video'], ['deck', 'slide deck (HTML)'], ['svg', 'SVG slides (.zip)']]) {
  await page.selectOption('[data-testid="film-format"]', format);
  if (format !== 'deck') await page.selectOption('[data-testid="film-size"]', '1280×720');
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.click('[data-testid="film-start"]')]);
    await download.path();
    const saved = await page.waitForSelector('[data-testid="film-saved"]');
    runs.push({
      ms: Number(await saved.getAttribute('data-ms')),
      longest: Number(await saved.getAttribute('data-longest-ms')),
      bytes: Number(await saved.getAttribute('data-bytes')),
    });
  }
  const longest = Math.max(...runs.map((r) => r.longest));
  rows.push([
    `${label}, lecture's example, 1280×720`,
    time(median(runs.map((r) => r.ms))),
    `${(runs[0].bytes / 1e6).toFixed(2)} MB`,
    format === 'gif' ? `${longest.toFixed(0)} ms` : '',
  ]);
}
await context.close();
await browser.close();
await server.close();

const header = ['export', 'time (median of 3)', 'size', 'longest frame on the page'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const row of [header, widths.map((w) => '-'.repeat(w)), ...rows]) {
  console.log(row.map((c, i) => c.padEnd(widths[i])).join('  '));
}
