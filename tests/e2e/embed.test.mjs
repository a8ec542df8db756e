// The app embedded in another page's <iframe>, as a course page or a slide tool would hold it:
// `#embed=1` shows only the graph, its caption and controls (or the network, its training bar
// and its output), filling the frame; `hide=` takes named controls away; a name that is not a
// control is said, and the rest still hidden.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './harness.mjs';

const app = useApp();
const LECTURE = 'e=sqrt%28x%5E2+%2B+exp%28x%5E2%29%29+%2B+cos%28x%5E2+%2B+exp%28x%5E2%29%29&at=x%3D2';

/** A course page holding the app at `hash` in an iframe of the given size; its frame. */
async function course(hash, width = 800, height = 450) {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.setContent(`<h1>Week 3: backpropagation</h1><iframe src="${app.server.url}#${hash}" width="${width}" height="${height}"></iframe>`);
  const frame = page.frameLocator('iframe');
  return { context, page, frame, errors };
}

/** Whether the element is shown (in the page and not display: none). */
const shown = (frame, selector) => frame.locator(selector).first().isVisible();

test('an embedded step-through fills its frame with only the graph, the caption and the controls left', async () => {
  const { context, frame, errors } = await course(`${LECTURE}&embed=1&hide=home,end,forward-end,scrubber,speed,descent`);
  await frame.locator('[data-testid="graph"]').waitFor();
  for (const gone of ['.masthead', '[data-testid="expression"]', '.side', '[data-testid="to-start"]', '[data-testid="to-end"]', '[data-testid="to-forward-end"]', '[data-testid="scrubber"]', '[data-testid="descent-toggle"]']) {
    assert.equal(await frame.locator(gone).count() === 0 || !(await shown(frame, gone)), true, `${gone} hidden`);
  }
  for (const kept of ['[data-testid="play"]', '[data-testid="step-next"]', '[data-testid="step-prev"]', '[data-testid="step-caption"]']) {
    assert.ok(await shown(frame, kept), `${kept} shown`);
  }
  // The frame is filled and nothing scrolls inside it.
  const fit = await frame.locator('body').evaluate(() => {
    const graph = document.querySelector('[data-testid="graph"]').getBoundingClientRect();
    const controls = document.querySelector('.controls').getBoundingClientRect();
    let smallest = Infinity;
    for (const text of document.querySelectorAll('[data-testid="graph"] text')) {
      const range = document.createRange();
      range.selectNodeContents(text);
      for (const rect of range.getClientRects()) if (rect.height > 0) smallest = Math.min(smallest, rect.height / 1.15);
    }
    return { width: innerWidth, height: innerHeight, graph: graph.height, bottom: controls.bottom, smallest, scrolls: document.scrollingElement.scrollHeight > innerHeight + 1 };
  });
  // A narrow frame is not a phone: the graph keeps the frame's height and its type 12 px or more.
  assert.ok(fit.smallest >= 11.8, `graph text ${fit.smallest.toFixed(1)} px`);
  assert.equal(fit.scrolls, false);
  assert.ok(fit.bottom <= fit.height && fit.bottom > fit.height - 30, `controls end at ${fit.bottom} of ${fit.height}`);
  assert.ok(fit.graph > fit.height / 2, `the graph takes ${fit.graph} px of ${fit.height}`);
  // ▶ plays the walk.
  await frame.locator('[data-testid="play"]').click();
  await frame.locator('[data-testid="step-index"]:not([data-step="0"])').waitFor();
  // An embedded view stores nothing (a frame in another site's page may not be allowed to; here
  // it is not), so it has nothing to complain about.
  assert.equal(await frame.locator('[data-testid="notice"]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an embedded network shows its training bar, diagram and output, and hide= takes controls away', async () => {
  const { context, frame, errors } = await course('view=net&data=xor&layers=4:tanh&embed=1&hide=reset,train-step', 1000, 560);
  await frame.locator('[data-testid="network"]').waitFor();
  assert.equal(await frame.locator('.masthead').count(), 0);
  assert.equal(await shown(frame, '[data-testid="train-reset"]'), false);
  assert.equal(await shown(frame, '[data-testid="train-step"]'), false);
  assert.ok(await shown(frame, '[data-testid="train-play"]'));
  assert.ok(await shown(frame, '[data-testid="boundary"]') || await shown(frame, 'canvas'));
  assert.equal(await frame.locator('.net-main > :first-child').isVisible(), false, 'the settings are hidden');
  await frame.locator('[data-testid="train-epoch"]').click();
  await frame.locator('[data-testid="epoch"][data-value="1"]').waitFor();
  await frame.locator('body').evaluate(() => new Promise((r) => setTimeout(r, 1500)));
  for (const notice of ['[data-testid="notice"]', '[data-testid="network-notice"]']) {
    assert.equal(await frame.locator(notice).count(), 0, `${notice}: ${await frame.locator(notice).allTextContents()}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a hide= name that is not a control is named, and the others are still hidden', async () => {
  const { context, frame } = await course(`${LECTURE}&embed=1&hide=speed,volume`);
  await frame.locator('[data-testid="notice"]').waitFor();
  assert.match(await frame.locator('[data-testid="notice"]').textContent(), /'volume' that is not a control.*the controls are home, back, play/);
  assert.equal(await shown(frame, '.speed'), false);
  await context.close();
});
