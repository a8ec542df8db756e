// Figures for the step-through view, measured on the release build in headless Chromium
// (run `trunk build --release` first):
//   - time from navigation to the first drawn graph (the app is interactive from then on);
//   - frame times while the animation plays through a graph of about 300 nodes, and the time a
//     step, Home and End take to render there;
//   - parse-to-redraw time while typing an expression, keystroke by keystroke;
//   - the size of the app's wasm and JS, gzipped.
//
//   node bench/browser.mjs

import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { frameIntervals, launch, open, serve } from '../tests/e2e/harness.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x) => `${x.toFixed(1)} ms`;

/** About `nodes` graph nodes: a sum of terms that do not merge. */
function bigExpression(nodes) {
  const terms = [];
  for (let k = 1; terms.length * 5 < nodes; k++) {
    terms.push(k % 2 ? `sin(${k}*x + y)` : `tanh(x*y - ${k})`);
  }
  return terms.join(' + ');
}

const server = await serve();
const browser = await launch();
const rows = [];

// 1. Navigation to first drawn graph.
{
  const times = [];
  for (let i = 0; i < 7; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid="graph"]')) {
          window.__firstGraph = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="graph"]');
    times.push(await page.evaluate(() => window.__firstGraph));
    await context.close();
  }
  rows.push(['navigation to first interactive render (median of 7)', ms(median(times))]);
}

// 2. Frame times while animating a ~300-node graph at 10 steps a second.
{
  const expression = encodeURIComponent(bigExpression(340));
  const { page, context } = await open(browser, `${server.url}#e=${expression}&at=x%3D0.5,y%3D-0.3&speed=10`);
  const nodes = Number(await page.getAttribute('[data-testid="graph"]', 'data-nodes'));
  await page.click('body');
  await page.keyboard.press(' ');
  const frames = await frameIntervals(page, 4);
  const steps = await page.getAttribute('[data-testid="step-index"]', 'data-step');
  const dropped = frames.filter((d) => d > 1000 / 60 * 1.5).length;
  rows.push([`frame time animating a ${nodes}-node graph (median / p95 / max)`,
    `${ms(median(frames))} / ${ms(percentile(frames, 0.95))} / ${ms(Math.max(...frames))}`]);
  rows.push([`frames over 25 ms while animating (of ${frames.length}; ${steps} steps played)`, `${dropped}`]);

  // One step, Home and End on that graph: the render (the app's work and Yew's changes to the
  // page, which run in microtasks after the key's handler, then the browser's style and layout,
  // forced at once), and the time until the next frame after it.
  const renders = await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const press = async (key) => {
      const t0 = performance.now();
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      for (let i = 0; i < 50; i++) await Promise.resolve();
      document.body.getBoundingClientRect();
      const rendered = performance.now() - t0;
      await frame();
      return [rendered, performance.now() - t0];
    };
    const times = { step: [], home: [], end: [] };
    await press(' '); // pause
    await frame();
    await press('Home');
    await frame();
    for (let i = 0; i < 30; i++) {
      times.step.push(await press('ArrowRight'));
      await frame();
    }
    for (let i = 0; i < 10; i++) {
      times.end.push(await press('End'));
      await frame();
      times.home.push(await press('Home'));
      await frame();
    }
    return times;
  });
  for (const [name, times] of Object.entries(renders)) {
    const key = { step: 'one step (→)', home: 'Home', end: 'End' }[name];
    rows.push([`${key} on the ${nodes}-node graph: render, script + style + layout (median / max; target 16 ms)`,
      `${ms(median(times.map((t) => t[0])))} / ${ms(Math.max(...times.map((t) => t[0])))}`]);
    rows.push([`… and from the key to the next frame (median / max)`,
      `${ms(median(times.map((t) => t[1])))} / ${ms(Math.max(...times.map((t) => t[1])))}`]);
  }
  await context.close();
}

// 2b. Every step of a mini-batch's walk: the lecture's 2-2-1 network, four training points as one
// graph (the weights shared), opened from the workspace's Messages panel.
{
  const { page, context } = await open(browser, `${server.url}#view=net&data=gauss&layers=2:tanh&out=linear&panel=messages`,
    { ready: '[data-testid="network"]' });
  await page.selectOption('[data-testid="batch-points"]', '4');
  await page.click('[data-testid="open-batch"]');
  await page.waitForSelector('[data-testid="network-origin"]');
  const nodes = Number(await page.getAttribute('[data-testid="graph"]', 'data-nodes'));
  const count = Number(await page.getAttribute('[data-testid="scrubber"]', 'max'));
  const times = await page.evaluate(async (count) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const times = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      for (let k = 0; k < 50; k++) await Promise.resolve();
      document.body.getBoundingClientRect();
      times.push(performance.now() - t0);
      await frame();
    }
    return times;
  }, count);
  rows.push([`each of the ${count} steps through a batch of 4 (${nodes} nodes): render (median / max; target 16 ms)`,
    `${ms(median(times))} / ${ms(Math.max(...times))}`]);
  await context.close();
}

// 2c. Dragging the start of descent's paths over Rosenbrock's valley: every move recomputes
// 200 steps of SGD, momentum and Adam and redraws them over the 200 × 200 map.
{
  const link = `#e=${encodeURIComponent('(1 - x)^2 + 100*(y - x^2)^2')}&at=x=-1.2,y=1&paths=0.001,0.001,0.9,0.05`;
  const { page, context } = await open(browser, server.url + link, { width: 1440, height: 900 });
  await page.locator('[data-testid="surface"]').scrollIntoViewIfNeeded();
  const map = await page.locator('[data-testid="surface-map"]').boundingBox();
  await page.mouse.move(map.x + map.width * 0.2, map.y + map.height * 0.2);
  await page.mouse.down();
  const measuring = frameIntervals(page, 3);
  let moves = 0;
  const until = Date.now() + 3000;
  while (Date.now() < until) {
    const t = (moves % 120) / 120;
    await page.mouse.move(map.x + map.width * (0.2 + 0.6 * t), map.y + map.height * (0.2 + 0.5 * t));
    moves++;
  }
  const frames = await measuring;
  await page.mouse.up();
  rows.push([`dragging the start over a ${200} × ${200} map, 3 × 200 steps per move (${moves} moves): frame time (median / p95; 60 fps is 16.7 ms)`,
    `${ms(median(frames))} / ${ms(percentile(frames, 0.95))}`]);
  await context.close();
}

// 3. Parse-to-redraw while typing the lecture's expression character by character.
{
  const { page, context } = await open(browser, server.url);
  const times = await page.evaluate(async (text) => {
    const input = document.querySelector('[data-testid="expr-input"]');
    const times = [];
    for (let i = 1; i <= text.length; i++) {
      const t0 = performance.now();
      input.value = text.slice(0, i);
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r()));
      times.push(performance.now() - t0);
    }
    return times;
  }, 'sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))');
  rows.push(['parse-to-redraw per keystroke while typing the lecture (median / max)',
    `${ms(median(times))} / ${ms(Math.max(...times))}`]);
  await context.close();
}

// 4. Sizes.
{
  const files = readdirSync('dist').filter((f) => f.endsWith('.wasm') || f.endsWith('.js'));
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const bytes = readFileSync(`dist/${file}`);
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  rows.push(['wasm + JS (raw / gzipped; budget 500 KB gzipped)', `${(raw / 1024).toFixed(0)} KB / ${(gzipped / 1024).toFixed(0)} KB`]);
}

await browser.close();
await server.close();
console.log('| measure | result |\n| --- | ---: |');
for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
