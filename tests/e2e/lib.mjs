// lib.mjs: what the browser tests share — Debian's chromium through
// playwright-core, axe-core on every page a test visits, and TAP output.
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.BASE_URL;
export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let n = 0;
let failed = 0;

// Pages of the same shape: ids and dates aside, the same query names.
export function shape(url) {
  const names = [...url.searchParams.keys()].sort().join('&');
  return url.pathname.replace(/\d{4}-\d\d-\d\d/g, ':date').replace(/\/\d+/g, '/:id') + '?' + names;
}

// Every HTML page of the portal that loads in a test's browser — after a
// goto, a click, a form sent or a redirect — is checked with axe-core
// against WCAG 2.1 A and AA, once per shape and form state (a form shown
// again with its errors is checked apart from the clean form). At its
// load the page's DOM is copied (scripts left out, so nothing runs twice,
// and long tables and lists cut to their first rows);
// the copies are checked when the context or browser closes, each in a
// page of its own in the same context (same viewport, same session),
// served from the copy. The test's own page is only read, once, as it
// loads, and never worked on while the test acts: the checks cannot make
// a test flaky.
const audit = {
  on: true, queue: [], pending: new Set(), own: new WeakSet(), keys: new Set(), found: [], pages: 0, gone: [],
};

function watch(page) {
  let csp = '';
  page.on('response', (r) => {
    if (r.frame() === page.mainFrame() && r.request().isNavigationRequest()) {
      csp = r.headers()['content-security-policy'] || '';
    }
  });
  page.on('load', () => {
    if (audit.own.has(page)) return;
    // A page gone before it was read is one the test did not stay on:
    // its shape is checked when a test stays on it, and done() names it.
    const url = page.url();
    const p = copy(page, csp).catch(() => { audit.gone.push(url); });
    audit.pending.add(p);
    p.finally(() => audit.pending.delete(p));
  });
}

async function copy(page, csp) {
  if (!page.url().startsWith(`${BASE}/`)) return;
  const snap = await page.evaluate(() => {
    if (document.contentType !== 'text/html') return null;
    const root = document.documentElement.cloneNode(true);
    for (const s of root.querySelectorAll('script')) s.remove();
    // Rows and items past the twentieth repeat the ones before them; a
    // long list of them makes axe-core take minutes.
    for (const list of root.querySelectorAll('tbody, ul, ol')) {
      while (list.children.length > 20) list.lastElementChild.remove();
    }
    return {
      url: location.href,
      invalid: !!document.querySelector('[aria-invalid="true"]'),
      html: `<!DOCTYPE html>${root.outerHTML}`,
    };
  });
  if (!snap) return;
  const key = shape(new URL(snap.url)) + (snap.invalid ? ' with errors' : '');
  if (audit.keys.has(key)) return;
  audit.keys.add(key);
  audit.queue.push({ context: page.context(), csp, ...snap });
}

// Checks the copies taken in context (all when none is named), after
// the copies still being read.
async function flush(context) {
  await Promise.allSettled([...audit.pending]);
  // A page that loaded while others were checked is checked too.
  for (let s; (s = audit.queue.find((q) => !context || q.context === context));) {
    audit.queue.splice(audit.queue.indexOf(s), 1);
    const at = new URL(s.url);
    at.hash = '';
    let page;
    try {
      page = await s.context.newPage();
      audit.own.add(page);
      await page.route((u) => u.href.split('#')[0] === at.href, (route) => route.fulfill({
        status: 200, contentType: 'text/html; charset=utf-8', body: s.html,
        headers: s.csp ? { 'content-security-policy': s.csp } : {},
      }));
      await page.goto(at.href);
      const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      audit.pages++;
      for (const v of result.violations) {
        audit.found.push(`${at.pathname}${at.search}${s.invalid ? ' (with errors)' : ''}: ${v.id}`
          + ` (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(' | ')}`);
      }
    } catch (e) {
      audit.found.push(`${at.pathname}${at.search}: not checked: ${String(e.message || e).split('\n')[0]}`);
    } finally {
      if (page) await page.close().catch(() => {});
    }
  }
}

// Chromium for a test file; { axe: false } for a file that runs axe-core
// itself (a11y.test.mjs).
export async function browser({ axe = true } = {}) {
  const b = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  audit.on = axe;
  if (!axe) return b;
  const newContext = b.newContext.bind(b);
  b.newContext = async (...args) => {
    const context = await newContext(...args);
    context.on('page', watch);
    const closeContext = context.close.bind(context);
    context.close = async (...a) => { await flush(context); return closeContext(...a); };
    return context;
  };
  const closeBrowser = b.close.bind(b);
  b.close = async (...a) => { await flush(); return closeBrowser(...a); };
  return b;
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
  if (audit.on) {
    n++;
    const name = `${basename(process.argv[1])}: every page visited has no WCAG 2.1 A or AA violation`;
    const left = audit.queue.map((s) => `${new URL(s.url).pathname}: not checked (browser still open at done())`);
    const found = [...audit.found, ...left];
    if (found.length) {
      failed++;
      console.log(`not ok ${n} - ${name}`);
      for (const line of found) console.log(`#   ${line}`);
    } else {
      console.log(`ok ${n} - ${name} (${audit.pages} pages checked)`);
    }
    const unchecked = [...new Set(audit.gone.map((u) => shape(new URL(u))))].filter((k) => !audit.keys.has(k));
    for (const k of unchecked) console.log(`#   left before it could be read, its shape not checked: ${k}`);
  }
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
