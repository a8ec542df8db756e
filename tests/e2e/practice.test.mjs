// Practice mode as a student uses it: the lecture's example answered step by step with the
// lecture's own numbers and formulas, nothing shown before it is answered, and each common wrong
// answer met with its own hint; as a teacher projects it, at 1280×720 presenting.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, useApp } from './harness.mjs';

const app = useApp();

/** The lecture's answers: values, adjoints, and each term's local derivative (consumer, node). */
const VALUES = { a: '4', b: '54.598', c: '58.598', d: '7.6549', e: '-0.46061', f: '7.1943' };
const ADJOINTS = { f: '1', e: '1', d: '1', c: '-0.822', b: '-0.822', a: '-45.717', x: '-182.87' };
const LOCALS = {
  'f e': '1',
  'f d': '1',
  'e c': '-sin(c)',
  'd c': '1/(2*sqrt(c))',
  'c b': '1',
  'c a': '1',
  'b a': 'exp(a)',
  'a x': '2*x',
};

async function asked(page) {
  const prompt = page.locator('[data-testid="practice-prompt"]');
  return {
    node: await prompt.getAttribute('data-node'),
    kind: await prompt.getAttribute('data-kind'),
    consumer: await prompt.getAttribute('data-consumer'),
  };
}

function rightAnswer({ node, kind, consumer }) {
  if (kind === 'value') return VALUES[node];
  if (kind === 'adjoint') return ADJOINTS[node];
  return LOCALS[`${consumer} ${node}`];
}

/** Types `text` and presses Enter; resolves to the feedback shown. */
async function answer(page, text) {
  await page.fill('[data-testid="answer-input"]', text);
  await page.press('[data-testid="answer-input"]', 'Enter');
  const feedback = page.locator('[data-testid="answer-feedback"]');
  await feedback.waitFor();
  return { correct: await feedback.getAttribute('data-correct'), text: await feedback.textContent() };
}

/** Reveals questions until the one about `node` of `kind` (and `consumer`) is asked. */
async function revealUntil(page, node, kind, consumer = '') {
  for (let i = 0; i < 40; i++) {
    const q = await asked(page);
    if (q.node === node && q.kind === kind && (q.consumer ?? '') === consumer) return;
    await page.click('[data-testid="practice-reveal"]');
  }
  assert.fail(`never asked ${kind} of ${node}`);
}

test('the lecture in practice mode: every step answered with the lecture\'s numbers, none shown before', async () => {
  const { page, context, errors } = await open(app.browser, app.server.url, { width: 1280, height: 720 });
  await page.click('body');
  await page.keyboard.press('q');
  assert.equal(await page.getAttribute('[data-testid="practice-toggle"]', 'aria-pressed'), 'true');
  assert.deepEqual(await asked(page), { node: 'a', kind: 'value', consumer: '' });
  // The field has the focus, and nothing is shown before it is answered.
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'answer-input');
  assert.equal(await page.getAttribute('[data-testid="node-a"]', 'data-value'), '');
  // → does not move on past an unanswered question.
  await page.click('[data-testid="step-next"]');
  assert.equal(await page.getAttribute('[data-testid="step-index"]', 'data-step'), '0');
  assert.deepEqual(await asked(page), { node: 'a', kind: 'value', consumer: '' });
  let answered = 0;
  for (;;) {
    const q = await asked(page);
    if (!q.kind) break;
    const given = rightAnswer(q);
    const { correct, text } = await answer(page, given);
    assert.equal(correct, 'true', `${q.kind} of ${q.node} (${q.consumer}) = ${given}: ${text}`);
    answered += 1;
    if (q.kind === 'value') {
      assert.ok(Math.abs(Number(await page.getAttribute(`[data-testid="node-${q.node}"]`, 'data-value')) - Number(given)) < 1e-3 * Math.max(1, Math.abs(Number(given))));
    }
  }
  assert.equal(answered, 21);
  const score = page.locator('[data-testid="practice-score"]');
  assert.equal(await score.getAttribute('data-right'), '21');
  assert.equal(await score.getAttribute('data-total'), '21');
  assert.equal(await page.getAttribute('[data-testid="step-index"]', 'data-step'), '13');
  const gradient = Number(await page.getAttribute('[data-testid="node-x"]', 'data-adjoint'));
  assert.ok(Math.abs(gradient - -182.8698) < 1e-3, `${gradient}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('each common wrong answer gets its own hint, naming the graph\'s nodes', async () => {
  const { page, context, errors } = await open(app.browser, app.server.url);
  await page.click('[data-testid="practice-toggle"]');
  // Degrees for radians, in the forward pass.
  await revealUntil(page, 'e', 'value');
  const degrees = Math.cos((58.598 * Math.PI) / 180).toFixed(5);
  assert.match((await answer(page, degrees)).text, /degrees/);
  // A wrong local derivative: cos's own value, the wrong sign; a formula that does not read.
  await revealUntil(page, 'c', 'local', 'e');
  assert.match((await answer(page, 'cos(c)')).text, /value of e itself/);
  assert.match((await answer(page, 'sin(c)')).text, /−sin/);
  const broken = await answer(page, '-sin(c');
  assert.equal(broken.correct, 'false');
  assert.match(broken.text, /column/);
  assert.match((await answer(page, '-sin(q)')).text, /no node called q/);
  assert.match((await answer(page, '<img src=x onerror=alert(1)>')).text, /does not read/);
  // Equivalent forms are right.
  assert.equal((await answer(page, 'sin(c)*-1')).correct, 'true');
  // ∂f/∂c: one consumer of the fan-out forgotten, or the messages multiplied.
  await revealUntil(page, 'c', 'adjoint');
  const throughD = (0.5 / Math.sqrt(58.59815)).toFixed(5);
  assert.match((await answer(page, throughD)).text, /not from e/);
  const throughE = (-Math.sin(58.59815)).toFixed(5);
  assert.match((await answer(page, throughE)).text, /not from d/);
  const product = (-Math.sin(58.59815) * (0.5 / Math.sqrt(58.59815))).toFixed(6);
  assert.match((await answer(page, product)).text, /add up/);
  // exp(a) against a·exp(a).
  await revealUntil(page, 'a', 'local', 'b');
  assert.match((await answer(page, 'a*exp(a)')).text, /extra factor a/);
  // ∂f/∂x: a's value used for its adjoint, and the wrong sign.
  await revealUntil(page, 'x', 'adjoint');
  assert.match((await answer(page, '16')).text, /not by a's value/);
  assert.match((await answer(page, '182.87')).text, /sign/);
  const score = page.locator('[data-testid="practice-score"]');
  assert.ok(Number(await score.getAttribute('data-total')) > Number(await score.getAttribute('data-right')));
  assert.deepEqual(errors, []);
  await context.close();
});

test('practice fits a projector: at 1280×720, presenting or not, in a lesson or not, every part on screen, the question large', async () => {
  for (const [presenting, lesson] of [[false, false], [true, false], [false, true], [true, true]]) {
    // A lesson stop's words share the column with practice.
    const { page, context, errors } = await open(app.browser, `${app.server.url}${lesson ? '#lesson=7' : ''}`, { width: 1280, height: 720 });
    await page.click('body');
    if (presenting) await page.keyboard.press('p');
    await page.keyboard.press('q');
    if (!lesson) await answer(page, '4');
    await answer(page, '54');
    const measured = await page.evaluate(() => {
      const box = (s) => document.querySelector(s).getBoundingClientRect();
      const size = (s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);
      const panel = box('[data-testid="practice"]');
      const inside = (s) => {
        const r = box(s);
        const within = (outer) => r.top >= outer.top - 0.5 && r.left >= outer.left - 0.5 && r.bottom <= outer.bottom + 0.5 && r.right <= outer.right + 0.5;
        return within({ top: 0, left: 0, bottom: innerHeight, right: innerWidth }) && (s.includes('graph') || s.includes('lesson') || within(panel));
      };
      const parts = ['practice-prompt', 'answer-input', 'answer-submit', 'practice-reveal', 'answer-feedback', 'practice-score', 'graph'];
      if (document.querySelector('[data-testid="new-exercise"]').offsetParent) parts.push('new-exercise', 'practice-level', 'lecture-exercise');
      if (document.querySelector('[data-testid="lesson-next"]')) parts.push('lesson-next');
      return {
        ask: size('[data-testid="practice-prompt"] .ask'),
        feedback: size('[data-testid="answer-feedback"]'),
        input: size('[data-testid="answer-input"]'),
        outside: parts.filter((id) => !inside(`[data-testid="${id}"]`)),
        scrolls: document.scrollingElement.scrollHeight > innerHeight + 1 || document.scrollingElement.scrollWidth > innerWidth + 1,
      };
    });
    assert.deepEqual(measured.outside, [], `presenting ${presenting}, lesson ${lesson}: every part of the practice on screen and in its panel`);
    assert.equal(measured.scrolls, false);
    assert.ok(measured.ask >= (presenting ? 24 : 20), `the question at ${measured.ask}px`);
    assert.ok(measured.feedback >= 16 && measured.input >= 16, JSON.stringify(measured));
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a practice link gives every student the same exercise, and New exercise makes another', async () => {
  const link = `${app.server.url}#practice=4242&level=2`;
  const first = await open(app.browser, link);
  const second = await open(app.browser, link);
  for (const { page } of [first, second]) {
    // The exercise the engine makes natively from this seed (engine/src/exercise.rs's test).
    assert.equal(await page.inputValue('[data-testid="expr-input"]'), 'sigmoid(x) + x^2');
    assert.equal(await page.inputValue('[data-testid="var-x"]'), '0.5');
    assert.deepEqual(await asked(page), { node: 'a', kind: 'value', consumer: '' });
    assert.equal(await page.getAttribute('[data-testid="exercise-id"]', 'data-seed'), '4242');
  }
  await second.context.close();
  const { page, errors } = first;
  // A new exercise at level 4 is another expression, and its link names it.
  await page.selectOption('[data-testid="practice-level"]', '4');
  await page.click('[data-testid="new-exercise"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="exercise-id"]').dataset.level === '4');
  const seed = await page.getAttribute('[data-testid="exercise-id"]', 'data-seed');
  assert.notEqual(seed, '4242');
  assert.notEqual(await page.inputValue('[data-testid="expr-input"]'), 'sigmoid(x) + x^2');
  await page.waitForFunction((seed) => location.hash.includes(`practice=${seed}`) && location.hash.includes('level=4'), seed);
  // The lecture's own exercise 5: the squared loss of a neuron.
  await page.selectOption('[data-testid="lecture-exercise"]', '5');
  assert.equal(await page.inputValue('[data-testid="expr-input"]'), '(y - sigmoid(w0 + w1*x))^2 / 2');
  assert.equal(await page.getAttribute('[data-testid="practice-score"]', 'data-total'), '0');
  assert.deepEqual(errors, []);
  await first.context.close();
});

test('a finished exercise gives a code for the teacher, and its score is kept for the next visit', async () => {
  const { page, context, errors } = await open(app.browser, `${app.server.url}#practice=4242&level=2`);
  // f = sigmoid(x) + x^2 at x = 0.5: a = σ(x) first, answered; the rest revealed.
  assert.equal((await answer(page, '0.62246')).correct, 'true');
  while (await page.getAttribute('[data-testid="practice-prompt"]', 'data-kind')) {
    await page.click('[data-testid="practice-reveal"]');
  }
  const score = page.locator('[data-testid="practice-score"]');
  const total = await score.getAttribute('data-total');
  assert.equal(await score.getAttribute('data-right'), '1');
  const code = await page.textContent('[data-testid="practice-code"]');
  assert.match(code, new RegExp(`^CR-4242-2-1-0-${Number(total) - 1}-\\d\\d$`));
  await page.reload();
  await page.waitForSelector('[data-testid="practice-overall"]');
  assert.equal(await page.getAttribute('[data-testid="practice-overall"]', 'data-exercises'), '1');
  assert.match(await page.textContent('[data-testid="practice-overall"]'), /1 finished, 1 of \d+ right/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a network's training point opens in practice: the student computes its messages and gradients", async () => {
  const { page, context, errors } = await open(app.browser, `${app.server.url}#view=net`, { ready: '[data-testid="network"]' });
  await page.click('[data-testid="panel-messages"]');
  await page.click('[data-testid="practise-sample"]');
  await page.waitForSelector('[data-testid="practice-prompt"]');
  assert.ok(await page.isVisible('[data-testid="network-origin"]'));
  assert.deepEqual(await page.locator('[data-testid="practice-prompt"]').getAttribute('data-kind'), 'value');
  // The walk reaches the backward pass's messages only through answers or reveals.
  let kinds = new Set();
  for (let i = 0; i < 400 && (await page.getAttribute('[data-testid="practice-prompt"]', 'data-kind')); i++) {
    kinds.add(await page.getAttribute('[data-testid="practice-prompt"]', 'data-kind'));
    await page.click('[data-testid="practice-reveal"]');
  }
  assert.deepEqual([...kinds].sort(), ['adjoint', 'local', 'value']);
  assert.equal(await page.getAttribute('[data-testid="practice-prompt"]', 'data-kind'), '');
  assert.deepEqual(errors, []);
  await context.close();
});
