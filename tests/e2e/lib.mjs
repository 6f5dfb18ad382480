// lib.mjs: what the browser tests share — Debian's chromium through
// playwright-core, and TAP output.
import { chromium } from 'playwright-core';

export const BASE = process.env.BASE_URL;
let n = 0;
let failed = 0;

export async function browser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export async function test(name, fn) {
  n++;
  try {
    await fn();
    console.log(`ok ${n} - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok ${n} - ${name}`);
    for (const line of String(e && e.stack || e).split('\n')) console.log(`#   ${line}`);
  }
}

export function done() {
  console.log(`1..${n}`);
  process.exitCode = failed ? 1 : 0;
}

export function expect(cond, what) {
  if (!cond) throw new Error(`expected: ${what}`);
}
