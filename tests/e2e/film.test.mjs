// End-to-end: the walk exported for a teacher's own materials, in the release build in headless
// Chromium. The lecture's example as an animated GIF (the same bytes on a second run and after a
// reload, read by the browser's own GIF decoder: its frames, their size and their times), as a
// WebM video (it plays, at the size chosen, for the walk's length), as a slide deck that works
// with the network off, and as a folder of SVG slides; the page keeps answering while a film is
// made, and Cancel saves nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { frameIntervals, open, useApp } from './harness.mjs';

const app = useApp();
const LECTURE = 'e=sqrt%28x%5E2+%2B+exp%28x%5E2%29%29+%2B+cos%28x%5E2+%2B+exp%28x%5E2%29%29&at=x%3D2';
/** The lecture's walk: six forward steps, seven backward. */
const STEPS = 13;
/** Each step's messages travel for ten frames of 50 ms. */
const TRAVEL_MS = 500;

/** Opens the export dialog and chooses `format`, `size`, `theme` and a hold of `hold` s. */
async function choose(page, { format, size = '1280×720', theme = 'light', hold }) {
  if (!(await page.$('[data-testid="film"]'))) {
    await page.selectOption('[data-testid="export"]', 'film');
    await page.waitForSelector('[data-testid="film"]');
  }
  await page.selectOption('[data-testid="film-format"]', format);
  if (format !== 'deck') await page.selectOption('[data-testid="film-size"]', size);
  await page.selectOption('[data-testid="film-theme"]', theme);
  if (hold !== undefined) await page.fill('[data-testid="film-hold"]', String(hold)).then(() => page.press('[data-testid="film-hold"]', 'Tab'));
}

/** Exports with the dialog's choices; resolves to the file's name and bytes. */
async function exported(page, options, timeout = 120_000) {
  await choose(page, options);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout }),
    page.click('[data-testid="film-start"]'),
  ]);
  await page.waitForSelector('[data-testid="film-saved"]');
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

test('the GIF is the same bytes on a second run and after a reload, and decodes as the walk', async () => {
  const { page, context, errors } = await open(app.browser, `${app.server.url}#${LECTURE}`);
  const first = await exported(page, { format: 'gif', hold: 2 });
  assert.equal(first.name, 'chainrule-walk-1280×720-light.gif');
  assert.equal(first.bytes.subarray(0, 6).toString(), 'GIF89a');
  assert.ok(first.bytes.length < 5e6, `${first.bytes.length} bytes`);
  const again = await exported(page, { format: 'gif', hold: 2 });
  assert.ok(again.bytes.equals(first.bytes), 'a second run writes the same bytes');
  const saved = await page.textContent('[data-testid="film-saved"]');
  await page.reload();
  await page.waitForSelector('[data-testid="graph"]');
  const reloaded = await exported(page, { format: 'gif', hold: 2 });
  assert.ok(reloaded.bytes.equals(first.bytes), 'a fresh page load writes the same bytes');

  // Chromium's own GIF decoder reads it: every frame 1280×720, the frames the dialog said, and
  // their times add up to the walk's: each step's travel and hold, and the inputs' hold.
  const decoded = await page.evaluate(async (bytes) => {
    const decoder = new ImageDecoder({ data: new Uint8Array(bytes), type: 'image/gif' });
    await decoder.tracks.ready;
    const frames = decoder.tracks.selectedTrack.frameCount;
    let ms = 0;
    const sizes = new Set();
    for (let i = 0; i < frames; i++) {
      const { image } = await decoder.decode({ frameIndex: i });
      ms += image.duration / 1000;
      sizes.add(`${image.displayWidth}×${image.displayHeight}`);
      image.close();
    }
    return { frames, ms, sizes: [...sizes] };
  }, [...first.bytes]);
  assert.deepEqual(decoded.sizes, ['1280×720']);
  assert.equal(decoded.ms, (STEPS + 1) * 2000 + STEPS * TRAVEL_MS);
  assert.match(saved, new RegExp(`, ${decoded.frames} frames,`));
  assert.ok(decoded.frames > 100, `${decoded.frames} frames`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the video plays at the size chosen for the walk\'s length', async () => {
  const { page, context, errors } = await open(app.browser, `${app.server.url}#${LECTURE}`);
  const video = await exported(page, { format: 'webm', size: '1920×1080', theme: 'dark', hold: 1 });
  assert.equal(video.name, 'chainrule-walk-1920×1080-dark.webm');
  const seen = await page.evaluate(async (bytes) => {
    const element = document.createElement('video');
    element.muted = true;
    element.src = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'video/webm' }));
    document.body.append(element);
    await new Promise((resolve, reject) => {
      element.onloadedmetadata = resolve;
      element.onerror = () => reject(new Error(`the video did not load: ${element.error?.message}`));
    });
    await element.play();
    await new Promise((resolve) => {
      const check = () => (element.currentTime > 0.3 ? resolve() : requestAnimationFrame(check));
      check();
    });
    const played = element.currentTime;
    element.remove();
    return { width: element.videoWidth, height: element.videoHeight, duration: element.duration, played };
  }, [...video.bytes]);
  assert.equal(seen.width, 1920);
  assert.equal(seen.height, 1080);
  assert.ok(Math.abs(seen.duration - ((STEPS + 1) * 1 + STEPS * TRAVEL_MS / 1000)) < 0.05, `${seen.duration} s`);
  assert.ok(seen.played > 0.3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the slide deck works with the network off: a slide a step, arrow keys to move', async () => {
  const { page, context, errors } = await open(app.browser, `${app.server.url}#${LECTURE}`);
  const deck = await exported(page, { format: 'deck' });
  assert.equal(deck.name, 'chainrule-slides-light.html');
  await context.close();

  const offline = await app.browser.newContext({ viewport: { width: 1280, height: 720 }, offline: true });
  const slides = await offline.newPage();
  const requests = [];
  slides.on('request', (r) => requests.push(r.url()));
  const problems = [];
  slides.on('pageerror', (e) => problems.push(e));
  await slides.setContent(deck.bytes.toString('utf8'));
  const shown = () => slides.evaluate(() => {
    const all = [...document.querySelectorAll('.slide')];
    const i = all.findIndex((s) => s.classList.contains('shown'));
    return { i, count: all.length, lines: all[i].querySelectorAll('li').length, now: all[i].querySelector('li.now')?.textContent };
  });
  let s = await shown();
  assert.equal(s.count, STEPS + 1);
  assert.equal(s.i, 0);
  assert.equal(await slides.textContent('.count'), `1 / ${STEPS + 1}`);
  await slides.keyboard.press('ArrowRight');
  s = await shown();
  assert.equal(s.i, 1);
  assert.equal(s.lines, 2, 'the inputs and the first step');
  await slides.keyboard.press('End');
  s = await shown();
  assert.equal(s.i, STEPS);
  assert.match(s.now, /∂f∂x|∂\s*f\s*∂\s*x/, 'the last line is ∂f/∂x');
  assert.match(s.now, /-182\.8|−182\.8/);
  await slides.keyboard.press('ArrowLeft');
  assert.equal((await shown()).i, STEPS - 1);
  // Each slide's graph is drawn: the lecture's seven nodes, their values known by the end.
  const last = await slides.evaluate(() => document.querySelectorAll('.slide')[13].querySelectorAll('g.node.computed').length);
  assert.equal(last, 7);
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
  assert.deepEqual(errors, []);
  await offline.close();
});

/** The files of a ZIP archive, read through its central directory. */
function unzip(b) {
  const end = b.length - 22;
  assert.equal(b.readUInt32LE(end), 0x06054b50);
  const files = [];
  let at = b.readUInt32LE(end + 16);
  for (let i = 0; i < b.readUInt16LE(end + 10); i++) {
    const size = b.readUInt32LE(at + 24);
    const nameLength = b.readUInt16LE(at + 28);
    const local = b.readUInt32LE(at + 42);
    const name = b.subarray(at + 46, at + 46 + nameLength).toString();
    const data = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    files.push({ name, text: b.subarray(data, data + size).toString() });
    at += 46 + nameLength;
  }
  return files;
}

test('the SVG slides are a folder of standalone drawings, one a step', async () => {
  const { page, context, errors } = await open(app.browser, `${app.server.url}#${LECTURE}`);
  const archive = await exported(page, { format: 'svg', size: '1080×1080', theme: 'dark' });
  assert.equal(archive.name, 'chainrule-slides-1080×1080-dark.zip');
  const files = unzip(archive.bytes);
  assert.equal(files.length, STEPS + 1);
  assert.deepEqual(files.map((f) => f.name).slice(0, 2), ['chainrule-slides/01.svg', 'chainrule-slides/02.svg']);
  // Each parses as SVG on its own, 1080 square, with its stylesheet inside and the dark colours.
  const parsed = await page.evaluate((texts) => texts.map((t) => {
    const svg = new DOMParser().parseFromString(t, 'image/svg+xml');
    return {
      error: svg.querySelector('parsererror') !== null,
      size: `${svg.documentElement.getAttribute('width')}×${svg.documentElement.getAttribute('height')}`,
      styled: svg.querySelector('style')?.textContent.includes('--surface: #1a1d24'),
      caption: [...svg.querySelectorAll('.film-caption')].map((e) => e.textContent).join(' '),
    };
  }), files.map((f) => f.text));
  assert.ok(parsed.every((p) => !p.error && p.size === '1080×1080' && p.styled), JSON.stringify(parsed[0]));
  assert.equal(parsed[0].caption, 'x = 2');
  assert.match(parsed[1].caption, /^a = x² = 4$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page answers while a film is made, and Cancel saves nothing', async () => {
  // A longer walk than the lecture's (about 120 steps), so the film is still being made after the
  // page's frames have been watched.
  const terms = Array.from({ length: 20 }, (_, k) => `sin(${k + 1}*x)`).join(' + ');
  const { page, context, errors } = await open(app.browser, `${app.server.url}#e=${encodeURIComponent(terms)}&at=x%3D0.5`);
  await choose(page, { format: 'gif', size: '1920×1080', hold: 2 });
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.click('[data-testid="film-start"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="film-progress"]')?.value) >= 3);
  // A frame of the page is never held up long while frames are drawn and compressed.
  const gaps = await frameIntervals(page, 1.5);
  gaps.sort((a, b) => a - b);
  const longest = gaps[gaps.length - 1];
  console.log(`# frames of the page while a 1920×1080 GIF is made: median ${gaps[gaps.length >> 1].toFixed(0)} ms, longest ${longest.toFixed(0)} ms`);
  assert.ok(longest < 250, `the longest frame took ${longest.toFixed(0)} ms`);
  const done = Number(await page.getAttribute('[data-testid="film-progress"]', 'value'));
  assert.ok(done >= 5, `${done} frames made while the page was watched`);
  await page.click('[data-testid="film-cancel"]');
  await page.waitForSelector('[data-testid="film-stopped"]');
  await page.waitForTimeout(1500);
  assert.equal(downloads, 0);
  // A hold out of range is brought into it; an empty one leaves it as it was.
  await page.fill('[data-testid="film-hold"]', '60');
  await page.press('[data-testid="film-hold"]', 'Tab');
  assert.equal(await page.inputValue('[data-testid="film-hold"]'), '10');
  await page.fill('[data-testid="film-hold"]', '');
  await page.press('[data-testid="film-hold"]', 'Tab');
  assert.equal(await page.inputValue('[data-testid="film-hold"]'), '10');
  assert.match(await page.textContent('.film-plan'), /each held 10 s/);
  // Closed with Escape while a film is being made: it stops, nothing is saved, nothing breaks.
  await page.click('[data-testid="film-start"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="film-progress"]')?.value) >= 2);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'film-cancel');
  await page.keyboard.press('Escape');
  assert.equal(await page.$('[data-testid="film"]'), null);
  await page.waitForTimeout(1500);
  assert.equal(downloads, 0);
  // The walk still steps.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('[data-testid="step-index"]', 'data-step'), '1');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a walk too long for a film is refused in words, and its slides can still be made', async () => {
  const terms = Array.from({ length: 40 }, (_, k) => `sin(${k + 1}*x)`).join(' + ');
  const { page, context, errors } = await open(app.browser, `${app.server.url}#e=${encodeURIComponent(terms)}&at=x%3D0.5`);
  await page.selectOption('[data-testid="export"]', 'film');
  await page.waitForSelector('[data-testid="film"]');
  await page.selectOption('[data-testid="film-format"]', 'gif');
  assert.match(
    await page.textContent('[data-testid="film-refused"]'),
    /^This walk has \d{3} steps, and an animation can show at most 200\. Export a smaller expression, or choose the slides \(up to 400 steps\)\.$/,
  );
  assert.equal(await page.isDisabled('[data-testid="film-start"]'), true);
  await page.selectOption('[data-testid="film-format"]', 'deck');
  assert.equal(await page.$('[data-testid="film-refused"]'), null);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="film-start"]')]);
  const html = readFileSync(await download.path(), 'utf8');
  assert.ok(html.split('<section class="slide"').length - 1 > 200);
  assert.deepEqual(errors, []);
  await context.close();
});
