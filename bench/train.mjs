// Trains the three workloads (engine/src/nn/workload.rs) with Chainrule's WebAssembly build,
// ConvNetJS, and TensorFlow.js on its CPU and WASM backends, in one Node process, on the very same
// data, and prints microseconds per sample per forward+backward pass with the ratios; then
// Chainrule's builds side by side: native, wasm with SIMD, the same as the app ships it (through
// wasm-opt -Oz), and wasm without SIMD, each with its GFLOP/s.
//
//   scripts/bench-train.sh        (builds the wasm, installs the peers from npm, runs this)

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const chainrule = require('../target/bench-wasm/chainrule_bench.js');
const shipped = require('../target/bench-wasm-app/chainrule_bench.js');
const scalar = require('../target/bench-wasm-scalar/chainrule_bench.js');
const native = JSON.parse(readFileSync(new URL('../target/bench-native.json', import.meta.url)));
const convnetjs = require('convnetjs');
// The full bundle: core, the CPU backend and every op's gradient registered.
const tf = require('@tensorflow/tfjs');
require('@tensorflow/tfjs-backend-wasm');
// No nagging about tfjs-node: the point is the pure-JS and WASM backends.
tf.env().set('IS_NODE', true);

// Each workload runs in REPEATS rounds, every system once a round, and each system's figure is
// its best round. Other tenants of a shared machine only ever add time, in bursts that last
// seconds: rounds spread a burst over all the systems instead of one system's every run, and the
// best round is the one least disturbed, for every system alike.
const REPEATS = Number(process.env.REPEATS ?? 5);

/** The workloads' settings, as engine/src/nn/workload.rs defines them. */
const WORKLOADS = {
  W1: { hidden: [4, 2], act: 'tanh', out: 'tanh', loss: 'squared', opt: 'sgd', lr: 0.03, batch: 10, epochs: 100, judge: 'test' },
  W2: { hidden: [16, 16], act: 'relu', out: 'linear', loss: 'hinge', opt: 'sgd', lr: 1.0, batch: 0, steps: 100, l2: 1e-4, decay: true, judge: 'train' },
  W3: { hidden: [64, 64], act: 'tanh', out: 'sigmoid', loss: 'bce', opt: 'adam', lr: 0.01, batch: 32, epochs: 20, judge: 'test' },
};

function load(name) {
  const { train, test } = JSON.parse(chainrule.workload_data(name));
  return { train, test };
}

/** The optimiser steps of a workload: [batch of rows, learning rate], in order. */
function schedule(spec, train) {
  const batch = spec.batch || train.length;
  const stepsPerEpoch = Math.ceil(train.length / batch);
  const total = spec.steps ?? spec.epochs * stepsPerEpoch;
  const steps = [];
  for (let k = 0; k < total; k++) {
    const start = (k % stepsPerEpoch) * batch;
    const lr = spec.decay ? spec.lr * (1 - 0.9 * k / total) : spec.lr;
    steps.push([train.slice(start, Math.min(start + batch, train.length)), lr]);
  }
  return steps;
}

const passes = (steps) => steps.reduce((n, [rows]) => n + rows.length, 0);

function accuracy(predict, rows, spec) {
  let right = 0;
  for (const row of rows) {
    const y = row[2];
    const out = predict(row.slice(0, 2));
    const threshold = spec.out === 'sigmoid' ? 0.5 : 0;
    right += (out >= threshold) === (y > 0) ? 1 : 0;
  }
  return right / rows.length;
}

// ---- ConvNetJS -------------------------------------------------------------------------------

/** A loss layer in ConvNetJS's layer protocol, for the losses it lacks in this form. */
function lossLayer(kind) {
  return {
    layer_type: 'loss',
    forward(V) {
      this.in_act = V;
      this.out_act = V;
      return V;
    },
    backward(y) {
      const x = this.in_act;
      x.dw = new Float64Array(x.w.length);
      const s = x.w[0];
      if (kind === 'squared') {
        x.dw[0] = s - y;
        return 0.5 * (s - y) * (s - y);
      }
      if (kind === 'hinge') {
        const margin = 1 - y * s;
        x.dw[0] = margin > 0 ? -y : 0;
        return Math.max(0, margin);
      }
      // Sigmoid then binary cross-entropy, on the logit.
      const p = 1 / (1 + Math.exp(-s));
      const t = y > 0 ? 1 : 0;
      x.dw[0] = p - t;
      return -(t * Math.log(p + 1e-12) + (1 - t) * Math.log(1 - p + 1e-12));
    },
    getParamsAndGrads() {
      return [];
    },
  };
}

function convnet(spec, data) {
  const defs = [{ type: 'input', out_sx: 1, out_sy: 1, out_depth: 2 }];
  for (const n of spec.hidden) defs.push({ type: 'fc', num_neurons: n, activation: spec.act });
  const outAct = spec.out === 'tanh' ? 'tanh' : undefined;
  defs.push({ type: 'fc', num_neurons: 1, ...(outAct ? { activation: outAct } : {}) });
  defs.push({ type: 'regression', num_neurons: 1 });
  const net = new convnetjs.Net();
  net.makeLayers(defs);
  // makeLayers puts a linear fc before the regression layer; drop both for our loss layer.
  net.layers = net.layers.slice(0, -2).concat([lossLayer(spec.loss)]);
  const method = spec.opt === 'adam' ? 'adam' : 'sgd';
  const trainer = new convnetjs.Trainer(net, {
    method,
    learning_rate: spec.lr,
    batch_size: spec.batch || data.train.length,
    momentum: 0,
    l2_decay: spec.l2 ? 2 * spec.l2 : 0,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
  });
  const steps = schedule(spec, data.train);
  const start = performance.now();
  for (const [rows, lr] of steps) {
    trainer.learning_rate = lr;
    for (const row of rows) trainer.train(new convnetjs.Vol([row[0], row[1]]), row[2]);
  }
  const seconds = (performance.now() - start) / 1000;
  const predict = (x) => {
    const s = net.forward(new convnetjs.Vol(x)).w[0];
    return spec.out === 'sigmoid' ? 1 / (1 + Math.exp(-s)) : s;
  };
  return { seconds, passes: passes(steps), accuracy: accuracy(predict, data[spec.judge], spec) };
}

// ---- TensorFlow.js ---------------------------------------------------------------------------

async function tfjs(spec, data, backend) {
  await tf.setBackend(backend);
  await tf.ready();
  const sizes = [2, ...spec.hidden, 1];
  const layers = [];
  for (let l = 1; l < sizes.length; l++) {
    const limit = Math.sqrt(6 / (sizes[l - 1] + sizes[l]));
    layers.push({
      w: tf.variable(tf.randomUniform([sizes[l - 1], sizes[l]], -limit, limit, 'float32', 1 + l)),
      b: tf.variable(tf.zeros([sizes[l]])),
    });
  }
  const activate = (x, name) => (name === 'tanh' ? tf.tanh(x) : name === 'relu' ? tf.relu(x) : x);
  const forward = (x) => {
    let h = x;
    layers.forEach(({ w, b }, i) => {
      const a = tf.add(tf.matMul(h, w), b);
      h = i === layers.length - 1 ? (spec.out === 'tanh' ? tf.tanh(a) : a) : activate(a, spec.act);
    });
    return h;
  };
  const lossOf = (x, y) => {
    const out = forward(x);
    let loss;
    if (spec.loss === 'squared') loss = tf.mul(tf.mean(tf.square(tf.sub(out, y))), 0.5);
    else if (spec.loss === 'hinge') loss = tf.mean(tf.relu(tf.sub(1, tf.mul(y, out))));
    else loss = tf.losses.sigmoidCrossEntropy(tf.cast(tf.greater(y, 0), 'float32'), out);
    if (spec.l2) loss = tf.add(loss, tf.mul(tf.addN(layers.map(({ w }) => tf.sum(tf.square(w)))), spec.l2));
    return loss;
  };
  const optimizer = spec.opt === 'adam' ? tf.train.adam(spec.lr, 0.9, 0.999, 1e-8) : tf.train.sgd(spec.lr);
  const steps = schedule(spec, data.train).map(([rows, lr]) => [
    tf.tensor2d(rows.map((r) => [r[0], r[1]])),
    tf.tensor2d(rows.map((r) => [r[2]])),
    lr,
  ]);
  const variables = layers.flatMap(({ w, b }) => [w, b]);
  const start = performance.now();
  for (const [x, y, lr] of steps) {
    if (spec.decay) optimizer.setLearningRate(lr);
    tf.tidy(() => optimizer.minimize(() => lossOf(x, y), false, variables));
  }
  await tf.ready();
  const seconds = (performance.now() - start) / 1000;
  const rows = data[spec.judge];
  const outputs = tf.tidy(() => forward(tf.tensor2d(rows.map((r) => [r[0], r[1]])))).dataSync();
  let right = 0;
  rows.forEach((r, i) => {
    const s = outputs[i];
    right += (s >= 0) === (r[2] > 0) ? 1 : 0;
  });
  steps.forEach(([x, y]) => tf.dispose([x, y]));
  tf.dispose(variables);
  return { seconds, passes: passes(steps.map(([x]) => [{ length: x.shape[0] }])), accuracy: right / rows.length };
}

// ---- Chainrule ------------------------------------------------------------------------------

function ours(name, build = chainrule) {
  const start = performance.now();
  const [passCount, acc] = build.run_workload(name);
  return { seconds: (performance.now() - start) / 1000, passes: passCount, accuracy: acc };
}

// ---- The run ----------------------------------------------------------------------------------

const systems = [
  ['Chainrule (wasm)', (name) => ours(name)],
  ['ConvNetJS', (name, spec, data) => convnet(spec, data)],
  ['TF.js CPU', (name, spec, data) => tfjs(spec, data, 'cpu')],
  ['TF.js WASM', (name, spec, data) => tfjs(spec, data, 'wasm')],
  ['as the app ships', (name) => ours(name, shipped)],
  ['without SIMD', (name) => ours(name, scalar)],
];
const peers = systems.slice(1, 4);

const results = {};
for (const name of Object.keys(WORKLOADS)) {
  const spec = WORKLOADS[name];
  const data = load(name);
  const times = Object.fromEntries(systems.map(([system]) => [system, []]));
  const last = {};
  for (let r = 0; r < REPEATS; r++) {
    for (const [system, run] of systems) {
      last[system] = await run(name, spec, data);
      times[system].push((last[system].seconds * 1e6) / last[system].passes);
    }
  }
  for (const [system] of systems) {
    const best = Math.min(...times[system]);
    results[`${name}/${system}`] = { micros: best, accuracy: last[system].accuracy };
    const all = times[system].map((t) => t.toFixed(2)).join(' ');
    console.error(`${name} ${system}: best ${best.toFixed(3)} µs/pass of ${all}, accuracy ${(100 * last[system].accuracy).toFixed(1)}%`);
  }
}

const head = systems.slice(0, 4);
console.log(`| workload | ${head.map(([s]) => s).join(' | ')} | fastest peer ÷ Chainrule |`);
console.log(`| --- | ${head.map(() => '---:').join(' | ')} | ---: |`);
for (const name of Object.keys(WORKLOADS)) {
  const cells = head.map(([s]) => {
    const r = results[`${name}/${s}`];
    return `${r.micros.toFixed(2)} µs (${(100 * r.accuracy).toFixed(1)}%)`;
  });
  const oursMicros = results[`${name}/Chainrule (wasm)`].micros;
  const fastestPeer = Math.min(...peers.map(([s]) => results[`${name}/${s}`].micros));
  console.log(`| ${name} | ${cells.join(' | ')} | ${(fastestPeer / oursMicros).toFixed(1)}× |`);
}

// Chainrule's builds: µs per pass and GFLOP/s (the engine's count of a pass's operations).
const rate = (name, micros) => `${micros.toFixed(2)} µs, ${(chainrule.workload_flops(name) / micros / 1e3).toFixed(2)} GFLOP/s`;
console.log('\n| workload | native | wasm, SIMD | as the app ships (wasm-opt -Oz) | wasm without SIMD | wasm ÷ native | SIMD\'s gain |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const name of Object.keys(WORKLOADS)) {
  const micros = (s) => results[`${name}/${s}`].micros;
  const wasm = micros('Chainrule (wasm)');
  console.log(`| ${name} | ${rate(name, native[name])} | ${rate(name, wasm)} | ${rate(name, micros('as the app ships'))} | ${rate(name, micros('without SIMD'))} | ${(wasm / native[name]).toFixed(2)}× | ${(micros('without SIMD') / wasm).toFixed(2)}× |`);
}
