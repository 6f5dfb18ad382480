// privacy_retention.test.mjs: the rights of keeping and erasing, in a real
// browser — a temp worker agrees through the link in his mail to be kept
// longer; the privacy officer sees the contact moment, then erases a
// person after the dry run.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, browser, done, expect, logIn, test } from './lib.mjs';

const PASSWORD = 'Flexportal-demo-2026';
const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const RUN = Date.now().toString(36);

function sql(query) {
  return execFileSync('mariadb', ['--no-defaults', '-S', process.env.DB_SOCK, '-u', 'root', '-N', '-B',
    process.env.DB_NAME, '-e', query], { encoding: 'utf8' }).trim();
}

// The consent link in the newest mail to `to` (the demo's Henk de Boer is
// asked when the demo is loaded).
async function consentLink(to, seconds = 30) {
  const dir = process.env.MAIL_DIR;
  for (let i = 0; i < seconds * 5; i++) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.eml')).sort().reverse()) {
      const text = readFileSync(join(dir, f), 'utf8');
      if (!text.includes(`X-Envelope-To: ${to}`)) continue;
      const body = text.split(/\r?\n\r?\n/).slice(1).join('\n');
      const decoded = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      const m = decoded.match(/\/privacy\/consent\/[0-9]+-[0-9]+-[0-9a-f]{32}/);
      if (m) return m[0];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no consent mail to ${to}`);
}

const b = await browser();

await test('a_temp_worker_agrees_through_the_link_in_his_mail', async () => {
  const link = await consentLink('henk.deboer@flex.example');
  const ctx = await b.newContext({ ignoreHTTPSErrors: true });
  const page = await ctx.newPage();
  await page.goto(`${BASE}${link}`);
  expect((await page.textContent('main')).includes('Henk'), 'he is greeted by name');
  // Without ticking the box: the page says what is missing, at the box.
  await page.click('button[type=submit].btn-primary');
  await page.waitForSelector('#e-agree');
  expect(await page.getAttribute('#f-agree', 'aria-invalid') === 'true', 'the box is marked');
  await page.check('#f-agree');
  await page.click('button[type=submit].btn-primary');
  await page.waitForSelector('.alert-success');
  expect(/\d{4}-\d{2}-\d{2}/.test(await page.textContent('.alert-success')), 'the new date is shown');
  // The link works once.
  const again = await page.goto(`${BASE}${link}`);
  expect(again.status() === 404, `used link: ${again.status()}`);
  await ctx.close();
});

const officer = await b.newContext({ ignoreHTTPSErrors: true });
const op = await officer.newPage();

await test('the_privacy_officer_sees_the_contact_moment', async () => {
  await logIn(op, 'privacy@uitzendbureau.example', PASSWORD, TOTP);
  await op.click('a[href="/privacy/"]');
  await op.click('a[href="/privacy/persons"]');
  await op.fill('#f-q', 'Henk de Boer');
  await op.click('form[role=search] button[type=submit]');
  await op.click('table.data a:has-text("Henk de Boer")');
  await op.waitForSelector('#retention-h');
  expect((await op.textContent('main')).includes('Akkoord via de link'), 'the moment is listed');
});

await test('the_privacy_officer_erases_a_person_after_the_dry_run', async () => {
  const email = `eline.e2e-${RUN}@flex.example`;
  sql(`INSERT INTO users (kind, email, first_name, last_name, mobile, status, created_at)
       VALUES ('worker', '${email}', 'Eline', 'Wis${RUN}', '+31 6 11223344', 'active', UTC_TIMESTAMP())`);
  const id = sql(`SELECT id FROM users WHERE email = '${email}'`);
  await op.goto(`${BASE}/privacy/persons?q=Wis${RUN}`);
  await op.click(`table.data a:has-text("Eline Wis${RUN}")`);
  await op.click(`a[href="/privacy/persons/${id}/erase"]`);
  await op.waitForSelector('table.data');
  expect((await op.textContent('table.data')).includes('Account'), 'the dry run lists the parts');
  expect(sql(`SELECT erased_at IS NULL FROM users WHERE id = ${id}`) === '1', 'the dry run changes nothing');
  await op.check('#f-confirm');
  await op.click('button[type=submit].btn-danger');
  await op.waitForSelector('.alert-success');
  const main = await op.textContent('main');
  expect(!main.includes(`Wis${RUN}`) && main.includes('Verwijderd op'), 'erased, no name left on the page');
  expect(sql(`SELECT COUNT(*) FROM users WHERE email = '${email}'`) === '0', 'the address is gone');
});

await officer.close();
await b.close();
done();
