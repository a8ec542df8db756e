// A browser whose WebAssembly lacks SIMD (the app is built with it): the page must say so in
// words and not start a module that cannot compile. Played by a page whose WebAssembly.validate
// refuses every module, as such a browser refuses the SIMD probe.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './harness.mjs';

const app = useApp();

test('without WebAssembly SIMD the page says what is missing and which browsers have it', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(() => {
    WebAssembly.validate = () => false;
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(app.server.url);
  const notice = await page.waitForSelector('[data-testid="unsupported"]');
  assert.match(await notice.textContent(), /needs WebAssembly with SIMD.*Chrome and Edge 91, Firefox 89 and Safari 16\.4/);
  assert.equal(await notice.getAttribute('role'), 'alert');
  await page.waitForTimeout(1500);
  assert.equal(await page.locator('[data-testid="graph"]').count(), 0, 'the app did not start');
  // The only error is the loader's, carrying the same words.
  assert.ok(errors.every((e) => e.includes('needs WebAssembly with SIMD')), errors.join('\n'));
  // The notice reads at a projector's distance: at least 16 px, inside the screen.
  const box = await notice.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 1280 && box.y >= 0);
  assert.ok(parseFloat(await notice.evaluate((n) => getComputedStyle(n).fontSize)) >= 16);
  await context.close();
});

test('with SIMD (every browser tested here) the notice never shows', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.waitForSelector('[data-testid="graph"]');
  assert.equal(await page.locator('[data-testid="unsupported"]').count(), 0);
  await context.close();
});
