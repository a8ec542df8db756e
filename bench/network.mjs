// Figures for the network workspace, measured on the release build in headless Chromium (run
// `trunk build --release` first):
//   - frames per second and training steps per second while W1 (TensorFlow Playground's default:
//     circle, 2-4-2-1 tanh, SGD 0.03, batch 10) trains with every view on (unit maps, histograms,
//     decision boundary, loss and accuracy, edges coloured by ∂ℓ/∂w), at one epoch per frame
//     (Playground's pace) and as fast as the worker trains;
//   - the time to redraw the decision boundary (computing every unit's map, painting the plot);
//   - the largest network that still holds 60 frames a second while training, and how an 8 × 32
//     network draws and how soon Pause answers while it trains;
//   - training inside the app against the engine's own WebAssembly benchmark (the same W1, in
//     this Node process: target/bench-wasm, built here as scripts/bench-train.sh builds it when
//     it is missing), as samples per second and their ratio.
//
//   node bench/network.mjs

import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { frameIntervals, launch, open, serve } from '../tests/e2e/harness.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x) => `${x.toFixed(1)} ms`;
const NETWORK = { ready: '[data-testid="network"]' };
const W1 = 'view=net&data=circle&points=500&noise=0&train=0.5&layers=4:tanh,2:tanh&out=tanh&loss=squared&opt=sgd&lr=0.03&batch=10&init=xavier';

const paints = async (page) => Number(await page.getAttribute('[data-testid="network"]', 'data-paint-count'));

/** Plays for `seconds`, recording every animation frame's interval; returns them with the epochs
 * trained and the drawings painted per second (training runs every frame; a drawing is painted
 * whenever the last one is done, so on a large network it falls behind the frame rate). */
async function play(page, seconds) {
  // Measured once training runs where it always will, in the worker started with the page, and
  // after two seconds of it: the browser compiles the hot WebAssembly again, optimised, in the
  // first seconds (on this 2-core machine that costs the first second a fifth of its frames).
  await page.waitForSelector('[data-testid="network"][data-trainer="worker"]');
  await page.click('[data-testid="train-play"]');
  await page.waitForTimeout(2000);
  await page.click('[data-testid="train-play"]');
  await page.waitForTimeout(300);
  const epoch0 = Number(await page.getAttribute('[data-testid="epoch"]', 'data-value'));
  const paints0 = await paints(page);
  await page.click('[data-testid="train-play"]');
  const frames = await frameIntervals(page, seconds);
  await page.click('[data-testid="train-play"]');
  const epochs = Number(await page.getAttribute('[data-testid="epoch"]', 'data-value')) - epoch0;
  const drawn = ((await paints(page)) - paints0) / seconds;
  // The first interval includes the click; leave it out.
  return { frames: frames.slice(1), epochs, seconds, drawn };
}

/** Milliseconds from a click on Pause (while training) to the frame that shows training stopped,
 * the median of five. */
async function pauseLatency(page) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    await page.click('[data-testid="train-play"]');
    await page.waitForTimeout(600);
    times.push(
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const button = document.querySelector('[data-testid="train-play"]');
            const start = performance.now();
            button.click();
            const check = () =>
              button.getAttribute('aria-pressed') === 'false' ? resolve(performance.now() - start) : requestAnimationFrame(check);
            requestAnimationFrame(check);
          }),
      ),
    );
  }
  return median(times);
}

/** Samples per second (forward and backward passes) of the engine's own wasm build on W1, the
 * median of three runs. */
function engineSamplesPerSecond() {
  const root = new URL('../', import.meta.url).pathname;
  const module = `${root}target/bench-wasm/chainrule_bench.js`;
  if (!existsSync(module)) {
    execSync(
      '. scripts/env.sh && cargo build --release --locked --target wasm32-unknown-unknown -p chainrule-bench ' +
        '&& wasm-bindgen --target nodejs --out-dir target/bench-wasm "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/chainrule_bench.wasm"',
      { cwd: root, stdio: 'inherit', shell: '/bin/bash' },
    );
  }
  const chainrule = createRequire(import.meta.url)(module);
  const rates = [0, 1, 2].map(() => {
    const start = performance.now();
    const [passes] = chainrule.run_workload('W1');
    return passes / ((performance.now() - start) / 1000);
  });
  return median(rates);
}

const server = await serve();
const browser = await launch();
const rows = [];

// 1. W1 with every view on.
for (const pace of ['epoch', 'fast']) {
  const { page, context } = await open(browser, `${server.url}#${W1}&pace=${pace}`, NETWORK);
  await page.click('[data-testid="edges"]');
  const { frames, epochs, seconds, drawn } = await play(page, 6);
  const fps = 1000 / median(frames);
  const steps = (epochs * 25) / seconds;
  rows.push([`W1, every view on, ${pace === 'epoch' ? 'one epoch a frame (Playground\'s pace)' : 'as fast as the worker trains'}: frames per second (median frame / p95)`,
    `${fps.toFixed(1)} fps (${ms(median(frames))} / ${ms(percentile(frames, 0.95))}), ${drawn.toFixed(1)} drawings/s`]);
  rows.push([`W1, ${pace === 'epoch' ? 'one epoch a frame' : 'as fast as possible'}: training steps per second (batch 10; ${epochs} epochs in ${seconds} s)`,
    `${Math.round(steps).toLocaleString('en')}`]);
  if (pace === 'fast') {
    const engine = engineSamplesPerSecond();
    const app = steps * 10;
    rows.push(['W1, as fast as possible: samples per second in the app (drawing every view) / in the engine\'s own wasm benchmark / ratio',
      `${Math.round(app).toLocaleString('en')} / ${Math.round(engine).toLocaleString('en')} / ${(app / engine).toFixed(2)}`]);
  }
  rows.push([`W1, ${pace === 'epoch' ? 'one epoch a frame' : 'as fast as possible'}: test accuracy after ${seconds} s`,
    `${(100 * Number(await page.getAttribute('[data-testid="test-accuracy"]', 'data-value'))).toFixed(1)}%`]);
  await context.close();
}

// 2. Redrawing the decision boundary: the engine's maps for every unit (64×64 points) and the
// painting of the plot, read from the timings the page records; one optimiser step at a time.
{
  const { page, context } = await open(browser, `${server.url}#${W1}`, NETWORK);
  const computed = [];
  const painted = [];
  const total = [];
  for (let i = 0; i < 40; i++) {
    const t0 = await page.evaluate(() => performance.now());
    await page.click('[data-testid="train-step"]');
    await page.waitForFunction((n) => document.querySelector('[data-testid="epoch"]') && true, i);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 30)));
    computed.push(Number(await page.getAttribute('[data-testid="network"]', 'data-frame-ms')));
    painted.push(Number(await page.getAttribute('[data-testid="boundary-0"]', 'data-paint-ms')));
    total.push(Number(await page.getAttribute('[data-testid="network"]', 'data-paint-ms')));
    void t0;
  }
  rows.push(['W1: computing every unit\'s map, histograms and summaries for one frame (median / max of 40)', `${ms(median(computed))} / ${ms(Math.max(...computed))}`]);
  rows.push(['W1: painting the decision boundary plot (median / max of 40)', `${ms(median(painted))} / ${ms(Math.max(...painted))}`]);
  rows.push(['W1: painting every canvas of the workspace (median / max of 40)', `${ms(median(total))} / ${ms(Math.max(...total))}`]);
  await context.close();
}

// 3. The largest network that holds 60 frames a second while training (circle data, tanh).
{
  const results = [];
  for (const depth of [2, 4, 6]) {
    for (const width of [8, 16, 32, 64]) {
      const layers = Array(depth).fill(`${width}:tanh`).join(',');
      const url = `${server.url}#view=net&data=circle&layers=${layers}&out=tanh&opt=adam&lr=0.003`;
      const { page, context } = await open(browser, url, NETWORK);
      const parameters = Number((await page.textContent('[data-testid="parameter-count"]')).split(' ')[0].replaceAll(',', ''));
      const { frames, epochs, drawn } = await play(page, 3);
      const onTime = frames.filter((f) => f < 20).length / frames.length;
      const holds = median(frames) < 17.5 && onTime >= 0.9 && drawn >= 55 && epochs > 0;
      results.push({ depth, width, parameters, frame: median(frames), p95: percentile(frames, 0.95), onTime, epochs, drawn, holds });
      console.log(`# ${depth}×${width}: ${parameters} parameters, ${epochs} epochs, median frame ${ms(median(frames))}, p95 ${ms(percentile(frames, 0.95))}, ${(100 * onTime).toFixed(0)}% of frames on time, ${drawn.toFixed(1)} drawings/s`);
      await context.close();
    }
  }
  // The large case: it must hold 30 frames a second.
  {
    const layers = Array(8).fill('32:tanh').join(',');
    const url = `${server.url}#view=net&data=circle&layers=${layers}&out=tanh&opt=adam&lr=0.003`;
    const { page, context } = await open(browser, url, NETWORK);
    const parameters = (await page.textContent('[data-testid="parameter-count"]')).split(' ')[0];
    const { frames, epochs } = await play(page, 3);
    const pause = await pauseLatency(page);
    rows.push([`8 × 32 (${parameters} parameters) while training: frames per second (median frame / p95), epochs in 3 s`,
      `${(1000 / median(frames)).toFixed(1)} fps (${ms(median(frames))} / ${ms(percentile(frames, 0.95))}), ${epochs}`]);
    rows.push(['8 × 32: from a click on Pause to the frame that shows it (median of 5)', ms(pause)]);
    await context.close();
  }
  const largest = results.filter((r) => r.holds).sort((a, b) => b.parameters - a.parameters)[0];
  rows.push(['largest network holding 60 fps while training (median frame < 17.5 ms, 90% of frames under 20 ms, 55+ drawings/s)',
    largest ? `${largest.depth} hidden layers of ${largest.width} (${largest.parameters} parameters): ${ms(largest.frame)} / ${ms(largest.p95)}` : 'none of those tried']);
  console.log('\n| network (hidden layers × units, tanh) | parameters | epochs in 3 s | median frame | p95 frame | frames under 20 ms | drawings per second | holds 60 fps |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of results) {
    console.log(`| ${r.depth} × ${r.width} | ${r.parameters} | ${r.epochs} | ${ms(r.frame)} | ${ms(r.p95)} | ${(100 * r.onTime).toFixed(0)}% | ${r.drawn.toFixed(1)} | ${r.holds ? 'yes' : 'no'} |`);
  }
}

await browser.close();
await server.close();

console.log('\n| measure | result |');
console.log('| --- | ---: |');
for (const [label, value] of rows) console.log(`| ${label} | ${value} |`);
