// lib.mjs: what the browser tests share — Debian's chromium through
// playwright-core, and TAP output.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

// RFC 6238: the six-digit code of a base32 key for a time step.
export function totp(base32, step = Math.floor(Date.now() / 30000)) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of base32.replace(/[\s=]/g, '').toUpperCase()) {
    bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  }
  const key = Buffer.alloc(Math.floor(bits.length / 8));
  for (let i = 0; i < key.length; i++) key[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(msg).digest();
  const off = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(off) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// The first link to BASE in the newest mail to `to` in the SMTP sink's
// folder (base64 bodies decoded), waiting for it to arrive.
export async function linkInMail(to, pathPrefix, seconds = 20) {
  const dir = process.env.MAIL_DIR;
  for (let i = 0; i < seconds * 5; i++) {
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().reverse();
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      if (!text.includes(`X-Envelope-To: ${to}`)) continue;
      const body = text.split(/\r?\n\r?\n/).slice(1).join('\n');
      const decoded = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      const m = decoded.match(new RegExp(`${BASE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(${pathPrefix}[A-Za-z0-9_-]{43})`));
      if (m) return m[1];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${to} with a ${pathPrefix} link`);
}

// The decoded text of the newest mail to `to` that contains `needle`,
// waiting for it to arrive.
export async function mailWith(to, needle, seconds = 20) {
  const dir = process.env.MAIL_DIR;
  for (let i = 0; i < seconds * 5; i++) {
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().reverse();
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      if (!text.includes(`X-Envelope-To: ${to}`)) continue;
      const body = text.split(/\r?\n\r?\n/).slice(1).join('\n');
      const decoded = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      if (decoded.includes(needle)) return decoded;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${to} with ${needle}`);
}

// A TOTP time step the server has not taken yet for the account (a code
// is taken once; other tests log in too): within the ±1 window, or the
// next one after a wait.
export async function freshStep(email) {
  const out = execFileSync('mariadb', ['--no-defaults', '-S', process.env.DB_SOCK, '-u', 'root', '-N',
    '-B', process.env.DB_NAME, '-e', `SELECT c.totp_last_step FROM credentials c JOIN users u ON`
    + ` u.id = c.user_id WHERE u.email = '${email.replace(/'/g, "''")}'`], { encoding: 'utf8' });
  const last = Number(out.trim()) || 0;
  for (;;) {
    const now = Math.floor(Date.now() / 30000);
    const step = [now - 1, now, now + 1].find((s) => s > last);
    if (step) return step;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

// Logs in through the form, with a code of key when the account asks for one.
export async function logIn(page, email, password, key = '') {
  await page.goto(`${BASE}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await page.click('button[type=submit].btn-primary');
  await page.waitForURL((u) => u.pathname === '/' || u.pathname === '/login/totp');
  if (new URL(page.url()).pathname === '/login/totp') {
    await page.fill('#f-code', totp(key, await freshStep(email)));
    await page.click('button[type=submit].btn-primary');
    await page.waitForURL(`${BASE}/`);
  }
}
