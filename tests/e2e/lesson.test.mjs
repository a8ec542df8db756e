// End-to-end: the first hour. The guided lesson walked stop by stop, a link to one stop, the first
// visit's hint, the shortcut sheet, keyboard reach and focus, contrast in both themes, and
// working with no network once loaded. Release build, headless Chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, useApp } from './harness.mjs';

const app = useApp();

const attr = (page, id, name) => page.getAttribute(`[data-testid="${id}"]`, name);
const stepIs = (page, n) =>
  page.waitForFunction((n) => document.querySelector('[data-testid="step-index"]')?.dataset.step === String(n), n);

/** What each stop must show, checked once the stop is open. */
const STOPS = [
  ['The neuron', async (page) => {
    assert.equal(await page.inputValue('[data-testid="expr-input"]'), 'sigmoid(w0 + w1*x1 + w2*x2)');
    await stepIs(page, 0);
  }],
  ['Activation functions and their derivatives', async (page) => {
    await page.waitForSelector('[data-testid="demo-gallery"]');
    assert.equal(await page.locator('.gallery-card').count(), 6);
  }],
  ['Why non-linearity: linear units collapse', async (page) => {
    await page.waitForSelector('[data-testid="collapsed-0"]');
    assert.equal(await page.locator('[data-testid="collapse-agreement"] tbody tr').count(), 5);
  }],
  ['The universal approximation theorem', async (page) => {
    await page.waitForSelector('[data-testid="demo-universal"]');
    assert.ok(await page.isVisible('[data-testid="curve"]'), 'the fitted curve is drawn');
  }],
  ['Expressive efficiency', async (page) => {
    await page.waitForSelector('[data-testid="demo-parity"]');
    assert.equal(await page.locator('[data-testid^="summary-"]').count(), 2);
  }],
  ['The computational graph and its forward pass', async (page) => {
    await stepIs(page, 6);
    const f = Number(await attr(page, 'node-f', 'data-value'));
    assert.ok(Math.abs(f - 7.1943) < 1e-4, `f = ${f}`);
  }],
  ['The backward pass on the lecture\'s example', async (page) => {
    await stepIs(page, 7);
    assert.equal(await attr(page, 'node-f', 'data-adjoint'), '1');
  }],
  ['Backprop in a network: B₁, B₂,ᵢ, B₃,ᵢ', async (page) => {
    // The stop opens the messages; their table has a row per hidden unit: two.
    await page.waitForSelector('[data-testid="messages"]');
    assert.ok(Number.isFinite(Number(await attr(page, 'b1', 'data-value'))), 'B₁ is shown');
    assert.equal(await page.locator('[data-testid="messages-layer-1"] tbody tr').count(), 2);
  }],
  ['The training loss is a mean', async (page) => {
    // ∂f/∂w₀ is formed from one message per point.
    await stepIs(page, 25);
    assert.equal(await attr(page, 'node-w0', 'data-adjoint'), '-4');
    assert.match(await page.textContent('[data-testid="step-caption"]'), /-2\s*×\s*1\s*\+\s*-2\s*×\s*1/);
  }],
  ['Gradient descent: the update step', async (page) => {
    // The gradient is known; the updates come next, one per weight, then the next iteration.
    await page.waitForSelector('[data-testid="descent"]');
    await stepIs(page, 16);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await stepIs(page, 17);
    assert.ok(await attr(page, 'node-w0', 'data-updated'), 'w₀ updated on the graph');
    const before = Number(await attr(page, 'descent', 'data-loss'));
    await page.keyboard.press('i');
    await page.waitForSelector('[data-testid="descent"][data-iterations="1"]');
    assert.ok(Number(await attr(page, 'descent', 'data-loss')) < before, 'the loss fell');
  }],
  ['The loss landscape', async (page) => {
    await page.waitForSelector('[data-testid="demo-landscape"]');
    for (let i = 0; i < 3; i++) await page.click('[data-testid="train-epoch"]');
    await page.click('[data-testid="landscape-compute"]');
    await page.waitForSelector('[data-testid="landscape"]');
  }],
];

test('the lesson walks the lecture in order, each stop setting its view', async () => {
  const { page, context, errors } = await open(app.browser, app.server.url);
  await page.click('[data-testid="lesson"]');
  for (const [k, [title, check]] of STOPS.entries()) {
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="lesson-panel"]')?.dataset.stop === String(n),
      k + 1,
    );
    assert.equal(await page.textContent('[data-testid="lesson-title"]'), `${k + 1} of ${STOPS.length} · ${title}`);
    await check(page);
    // The link follows once the view has settled.
    await page.waitForFunction((n) => new RegExp(`lesson=${n}(&|$)`).test(location.href), k + 1);
    // Forward with n, a presenter's Page Down, or the button, in turn.
    if (k + 1 < STOPS.length) {
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      if (k % 3 === 0) await page.keyboard.press('n');
      else if (k % 3 === 1) await page.keyboard.press('PageDown');
      else await page.click('[data-testid="lesson-next"]');
    }
  }
  await page.keyboard.press('b');
  await page.waitForFunction((n) => document.querySelector('[data-testid="lesson-panel"]').dataset.stop === String(n), STOPS.length - 1);
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="lesson-panel"]', { state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link to a stop opens that stop', async () => {
  const { page, context } = await open(app.browser, `${app.server.url}#lesson=6`);
  assert.equal(await page.textContent('[data-testid="lesson-title"]'), `6 of ${STOPS.length} · The computational graph and its forward pass`);
  await stepIs(page, 6);
  assert.equal(await page.locator('[data-testid="notice"]').count(), 0);
  const network = await open(app.browser, `${app.server.url}#lesson=2&theme=dark`, { ready: '[data-testid="network"]' });
  await network.page.waitForSelector('[data-testid="demo-gallery"]');
  assert.equal(await network.page.getAttribute('html', 'data-theme'), 'dark');
  await network.context.close();
  await context.close();
});

test("a first visit opens the lecture's example ready to step, with a hint for the keys", async () => {
  const { page, context } = await open(app.browser, app.server.url);
  assert.equal(await page.inputValue('[data-testid="expr-input"]'), 'sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))');
  await stepIs(page, 0);
  assert.match(await page.textContent('[data-testid="hint"]'), /→ steps · space plays · \? lists every key/);
  await page.keyboard.press('ArrowRight');
  await stepIs(page, 1);
  await context.close();
});

test('? opens the shortcut sheet, focused on its close button, and Escape closes it', async () => {
  const { page, context } = await open(app.browser, app.server.url);
  await page.keyboard.press('?');
  await page.waitForSelector('[data-testid="shortcuts"]');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'shortcuts-close');
  assert.match(await page.textContent('[data-testid="shortcuts"]'), /Page Down/);
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="shortcuts"]', { state: 'detached' });
  await context.close();
});

test('every control is reachable with Tab and shows where the focus is', async () => {
  for (const url of [app.server.url, `${app.server.url}#view=net`]) {
    const { page, context } = await open(app.browser, url, url.includes('view=net') ? { ready: '[data-testid="network"]' } : {});
    const controls = await page.$$eval('button, select, input, [tabindex="0"]', (all) =>
      all.filter((e) => !e.disabled && e.offsetParent !== null && e.type !== 'file').length);
    const reached = new Set();
    for (let i = 0; i < controls + 5; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const e = document.activeElement;
        if (e === document.body) return null;
        const style = getComputedStyle(e);
        return { key: e.outerHTML.slice(0, 120), outline: style.outlineStyle, width: style.outlineWidth };
      });
      // Past the last control the focus leaves the page for a moment.
      if (focus === null) continue;
      reached.add(focus.key);
      assert.notEqual(focus.outline, 'none', `no visible focus on ${focus.key}`);
    }
    assert.ok(reached.size >= controls * 0.95, `${reached.size} of ${controls} controls reached`);
    await context.close();
  }
});

test('text and marks keep their contrast in both themes', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, context } = await open(app.browser, `${app.server.url}#theme=${colorScheme}`, { colorScheme });
    const ratios = await page.evaluate(() => {
      const resolve = (name) => {
        const probe = document.createElement('span');
        probe.style.color = `var(${name})`;
        document.body.append(probe);
        const rgb = getComputedStyle(probe).color.match(/\d+/g).slice(0, 3).map(Number);
        probe.remove();
        return rgb;
      };
      const luminance = (rgb) => {
        const [r, g, b] = rgb.map((c) => {
          const s = c / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const ratio = (a, b) => {
        const [x, y] = [luminance(resolve(a)), luminance(resolve(b))].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05);
      };
      return {
        text: ratio('--text', '--bg'),
        muted: ratio('--muted', '--surface'),
        values: ratio('--value-text', '--surface'),
        adjoints: ratio('--adjoint-text', '--surface'),
        errors: ratio('--error', '--error-soft'),
        operations: ratio('--op', '--surface'),
        valueMarks: ratio('--value', '--surface'),
      };
    });
    for (const name of ['text', 'muted', 'values', 'adjoints', 'errors']) {
      assert.ok(ratios[name] >= 4.5, `${colorScheme} ${name}: ${ratios[name].toFixed(2)}:1 is under 4.5:1`);
    }
    // Marks (nodes, edges, boundaries) need 3:1 against their background (WCAG 1.4.11).
    for (const name of ['operations', 'valueMarks']) {
      assert.ok(ratios[name] >= 3, `${colorScheme} ${name}: ${ratios[name].toFixed(2)}:1 is under 3:1`);
    }
    console.log(`# ${colorScheme}: ${Object.entries(ratios).map(([k, v]) => `${k} ${v.toFixed(1)}:1`).join(', ')}`);
    await context.close();
  }
});

test('once loaded, the app works with no network', async () => {
  const { page, context } = await open(app.browser, app.server.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null || true);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-testid="graph"]');
  await page.click('[data-testid="tab-network"]');
  await page.waitForSelector('[data-testid="network"]');
  await page.click('[data-testid="train-epoch"]');
  assert.equal(await attr(page, 'epoch', 'data-value'), '1');
  // Training still runs in its worker, whose files the service worker kept too.
  await page.waitForSelector('[data-testid="network"][data-trainer="worker"]');
  await context.close();
});
