// Every command line the README shows, run exactly as written, so that none of them can rot:
// each line of its ```sh blocks (continuations joined, trailing comments dropped), and each
// `$ chainrule …` transcript, whose output must match the README's word for word.
//
// Commands that run until stopped are judged by what they do first: a server must answer, a
// benchmark must print its first figure, the fuzzer must start fuzzing. `scripts/check.sh` is the
// command that runs this test, so it is only checked to be what CI runs.
//
//   node --test tests/readme/

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const ROOT = new URL('../../', import.meta.url).pathname;
const README = readFileSync(`${ROOT}README.md`, 'utf8');

/** The README's commands: { line, kind: 'sh' | 'transcript', expected? }. */
export function commands(markdown) {
  const found = [];
  const blocks = markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm);
  for (const [, language, body] of blocks) {
    if (language === 'sh') {
      const joined = body.replace(/\\\n\s*/g, '');
      for (const raw of joined.split('\n')) {
        const line = raw.replace(/\s+#\s.*$/, '').trim();
        if (line && !line.startsWith('#')) found.push({ line, kind: 'sh' });
      }
    } else if (language === '' && body.startsWith('$ ')) {
      const [first, ...rest] = body.trimEnd().split('\n');
      found.push({ line: first.slice(2), kind: 'transcript', expected: rest.join('\n') });
    }
  }
  return found;
}

/** A user's shell: the project's own tool folder is not on PATH unless a command puts it there. */
const shellEnv = {
  ...process.env,
  PATH: process.env.PATH.split(':').filter((p) => !p.endsWith('node_modules/.bin')).join(':'),
};

/** Starts `line` in bash from the repository's root. `result` resolves to { code, output } when
 * it exits, or when it is stopped: by `stop()`, after `timeout` ms (code 'timeout'), or once
 * `done(output)` says it has shown what it should (code 'stopped'). */
function start(line, { timeout, done = () => false }) {
  const child = spawn('bash', ['-c', line], { cwd: ROOT, env: shellEnv, detached: true });
  let output = '';
  let settle;
  const result = new Promise((resolve) => {
    settle = resolve;
  });
  let finished = false;
  const finish = (code) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    settle({ code, output });
  };
  const timer = setTimeout(() => finish('timeout'), timeout);
  const take = (chunk) => {
    output += chunk;
    if (done(output)) finish('stopped');
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  child.on('exit', (code) => finish(code));
  return { result, stop: () => finish('stopped') };
}

/** Runs `line` to its end (see `start`). */
const run = (line, options) => start(line, options).result;

/** Resolves once `url` answers 200, or rejects after `timeout` ms. */
async function answers(url, timeout) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    try {
      const response = await fetch(url);
      if (response.ok && (await response.text()).includes('Chainrule')) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not answer within ${timeout / 1000} s`);
}

const MINUTE = 60_000;

/** How each kind of command is judged. */
const RULES = [
  {
    // The command running this very test.
    match: /^scripts\/check\.sh$/,
    check: async () => {
      assert.match(readFileSync(`${ROOT}.ci/run`, 'utf8'), /exec scripts\/check\.sh$/m);
    },
  },
  {
    // Servers: they must serve the app, then they are stopped.
    match: /serve\.sh|http\.server/,
    check: async (line) => {
      const port = line.match(/http\.server (\d+)/)?.[1] ?? '8080';
      const server = start(line, { timeout: 20 * MINUTE });
      const failed = server.result.then(({ code, output }) => {
        throw new Error(`${line} ended (${code}) before serving:\n${output.slice(-2000)}`);
      });
      try {
        await Promise.race([answers(`http://127.0.0.1:${port}/`, 20 * MINUTE), failed]);
      } finally {
        failed.catch(() => {});
        server.stop();
      }
    },
  },
  {
    // The fuzzer: it must get to fuzzing (libFuzzer's coverage lines).
    match: /fuzz run/,
    check: async (line) => {
      const { code, output } = await run(line, { timeout: 20 * MINUTE, done: (o) => /#\d+\s+(INITED|NEW|pulse)\b.*cov:/.test(o) });
      assert.equal(code, 'stopped', output.slice(-2000));
    },
  },
  {
    // Benchmarks: they must print their first measured figure (a time, a rate or a size).
    match: /^(node bench\/|cargo bench|scripts\/bench-train\.sh)/,
    check: async (line) => {
      const { code, output } = await run(line, {
        timeout: 30 * MINUTE,
        done: (o) => /\d ?(ms|µs|fps|KB)\b/.test(o) || /time:\s+\[/.test(o),
      });
      assert.ok(code === 'stopped' || code === 0, `${line}: ${code}\n${output.slice(-2000)}`);
    },
  },
];

for (const { line, kind, expected } of commands(README)) {
  test(`README: ${line}`, { timeout: 40 * MINUTE }, async () => {
    if (kind === 'transcript') {
      const args = line.replace(/^chainrule /, '');
      const { code, output } = await run(`cargo run -q --release --bin chainrule -- ${args}`, { timeout: 10 * MINUTE });
      assert.equal(output.trimEnd(), expected);
      assert.equal(code, 2, 'bad input exits with status 2');
      return;
    }
    const rule = RULES.find((r) => r.match.test(line));
    if (rule) return rule.check(line);
    const { code, output } = await run(line, { timeout: 20 * MINUTE });
    assert.equal(code, 0, `${line}\n${output.slice(-3000)}`);
  });
}

test('the README shows commands, and each kind is understood', () => {
  const found = commands(README);
  assert.ok(found.length >= 10, `${found.length} commands`);
  assert.ok(found.some((c) => c.kind === 'transcript'));
  assert.ok(found.some((c) => /chainrule -- trace/.test(c.line)));
});
