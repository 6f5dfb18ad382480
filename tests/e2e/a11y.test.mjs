// a11y.test.mjs: every page each demo role reaches, found by following the
// links from the dashboard, checked with axe-core against WCAG 2.1 A and AA
// (0 violations), on a phone of 390 × 844: the page itself never scrolls
// sideways (a wide table scrolls inside its own box). Read-only: links
// only, no form is sent; downloads, logging out and one-time links are
// left alone.
import AxeBuilder from '@axe-core/playwright';
import { BASE, browser, done, expect, logIn, shape, TAGS, test } from './lib.mjs';

const PASSWORD = 'Flexportal-demo-2026';
const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const ROLES = [
  ['admin@uitzendbureau.example', TOTP], ['consultant@uitzendbureau.example', TOTP],
  ['privacy@uitzendbureau.example', TOTP], ['hr.manager@klant.example'], ['planner@klant.example'],
  ['supervisor@klant.example'], ['hiring.manager@klant.example'], ['finance@klant.example'],
  ['directie@klant.example'], ['planner@andereklant.example'], ['worker@flex.example'],
];
// Files, not pages; the end of the session; links that are used up.
const SKIP = /\/(logout|download|preview|cv|photo|feed|pdf)(\/|$|\?)|\.(csv|xlsx|pdf|json|ics|txt)($|\?)|^\/(login|invite|password\/reset|privacy\/consent)/;
// Pages of the same shape (ids and dates aside, the same query names):
// the first of each for a role, and for two roles at most — what differs
// between roles is which pages they reach, more than how a page looks.
const ROLES_PER_SHAPE = 2;
const PER_ROLE = 60;
const checked = new Map();

async function check(page, email, url) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  for (const v of result.violations) {
    found.push(`${email} ${url.pathname}${url.search}: ${v.id} (${v.impact}) ${v.help}: `
      + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
  }
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 390) wide.push(`${email} ${url.pathname}${url.search}: ${width} px wide`);
}

// This file checks every page itself, at phone width.
const b = await browser({ axe: false });
const found = [];
const wide = [];
const broken = [];
let pages = 0;

for (const [email, key] of ROLES) {
  const context = await b.newContext({
    ignoreHTTPSErrors: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
  });
  const page = await context.newPage();
  await test(`${email}: every page reached has no WCAG 2.1 A or AA violation and fits a phone`, async () => {
    await logIn(page, email, PASSWORD, key || '');
    const queue = [`${BASE}/`];
    const seen = new Set(queue);
    const shapes = new Set();
    let visited = 0;
    while (queue.length && visited < PER_ROLE) {
      const target = queue.shift();
      let res;
      try {
        res = await page.goto(target);
      } catch (e) {
        if (String(e).includes('Download is starting')) continue; // a file after all
        throw e;
      }
      const status = res ? res.status() : 0;
      const type = res ? (res.headers()['content-type'] || '') : '';
      // A link the portal shows leads somewhere: never an error page.
      if (status >= 400) broken.push(`${email} ${target}: ${status}`);
      if (status !== 200 || !type.startsWith('text/html')) continue;
      const url = new URL(page.url());
      if (url.origin !== new URL(BASE).origin || url.pathname === '/login') {
        throw new Error(`${target} left the portal or the session: ${page.url()}`);
      }
      // A shape checked for other roles already: only its links are followed.
      const kind = shape(url);
      if (visited === 0 || (checked.get(kind) || 0) < ROLES_PER_SHAPE) {
        checked.set(kind, (checked.get(kind) || 0) + 1);
        pages++;
        await check(page, email, url);
      }
      visited++;
      const links = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
      for (const href of links) {
        let next;
        try { next = new URL(href); } catch { continue; }
        next.hash = '';
        if (next.origin !== url.origin || SKIP.test(next.pathname + next.search)) continue;
        const kind = shape(next);
        if (seen.has(next.href) || shapes.has(kind)) continue;
        shapes.add(kind);
        seen.add(next.href);
        queue.push(next.href);
      }
    }
    expect(visited > 1, `${email} reaches pages beyond the dashboard`);
  });
  await context.close();
}

await test('no page has a WCAG 2.1 A or AA violation', async () => {
  expect(pages > ROLES.length, `the roles reached pages (${pages})`);
  expect(found.length === 0, `0 violations in ${pages} pages, found:\n${found.join('\n')}`);
});
await test('no link a role is shown leads to an error', async () => {
  expect(pages > ROLES.length, `the roles reached pages (${pages})`);
  expect(broken.length === 0, `every link answers, these do not:\n${broken.join('\n')}`);
});
await test('no page scrolls sideways on a phone of 390 × 844', async () => {
  expect(pages > ROLES.length, `the roles reached pages (${pages})`);
  expect(wide.length === 0, `every page fits, these do not:\n${wide.join('\n')}`);
});

console.log(`# ${pages} pages checked with axe-core and at phone width`);
await b.close();
done();
