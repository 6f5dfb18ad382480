// privacy_agreement.test.mjs: the processing agreement in a real browser —
// Klant NV signed last year's version only (the demo), so its director
// finds the new one waiting on her dashboard, reads it on a phone, signs it
// (refused first without the box ticked, her input kept) and downloads the
// signed PDF; the agency admin then sees who signed which version and when.
import { execFileSync } from 'node:child_process';
import { BASE, browser, done, expect, logIn, test } from './lib.mjs';

const DEMO_PASSWORD = 'Flexportal-demo-2026';
const DEMO_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SIGNER = 'directie@klant.example';

function sql(query) {
  return execFileSync('mariadb', ['--no-defaults', '-S', process.env.DB_SOCK, '-u', 'root', '-N', '-B',
    process.env.DB_NAME, '-e', query], { encoding: 'utf8' }).trim();
}

// As the demo left it, also on a second run: Klant NV has not signed
// anything newer than last year's version.
sql("DELETE s FROM agreement_signatures s JOIN clients c ON c.id = s.client_id"
  + " WHERE c.name = 'Klant NV' AND s.version <> '2025-1'");

const b = await browser();
const phone = await (await b.newContext({
  ignoreHTTPSErrors: true, acceptDownloads: true, viewport: { width: 390, height: 844 }, isMobile: true,
  hasTouch: true,
})).newPage();
const agency = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const errors = [];
for (const p of [phone, agency]) {
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
}
const fitsThePhone = async () => (await phone.evaluate(() => document.documentElement.scrollWidth)) <= 390;
let version = '';

await test('the_client_director_is_asked_to_sign_the_new_version', async () => {
  await logIn(phone, SIGNER, DEMO_PASSWORD);
  const notice = phone.locator('#agreement-due');
  expect(await notice.isVisible(), 'the notice on the dashboard');
  expect((await notice.textContent()).includes('Klant NV'), 'it names her client');
  await notice.locator('a').click();
  await phone.waitForURL(`${BASE}/privacy/agreement`);
  version = await phone.inputValue('input[name=version]');
  expect(version && version !== '2025-1', `the current version (${version})`);
});

await test('she_reads_the_agreement_on_her_phone', async () => {
  expect(await phone.isVisible('h3:text("Artikel 8. Beveiliging")'), 'the security article');
  expect(await phone.isVisible('h3:text("Artikel 11. Inbreuken in verband met persoonsgegevens")'), 'the breach article');
  expect((await phone.textContent('.badge-warn')).includes('Niet ondertekend'), 'not signed yet');
  expect((await phone.textContent('table.data')).includes('2025-1'), 'last year\'s signature listed');
  expect(await fitsThePhone(), 'the page fits the phone');
});

await test('she_signs_after_ticking_that_she_may', async () => {
  expect((await phone.inputValue('#f-name')) === 'Karin Hermans', 'her name is filled in');
  expect((await phone.inputValue('#f-title')) === 'Algemeen directeur', 'her job title is filled in');
  await phone.fill('#f-title', 'Directeur');
  await phone.click('button.btn-primary:text("Ondertekenen")');
  await phone.waitForSelector('#e-authorised');
  expect((await phone.getAttribute('#f-authorised', 'aria-invalid')) === 'true', 'the box is marked');
  expect((await phone.inputValue('#f-title')) === 'Directeur', 'her input is kept');
  await phone.check('#f-authorised');
  await phone.click('button.btn-primary:text("Ondertekenen")');
  await phone.waitForURL(`${BASE}/privacy/agreement?done=signed`);
  expect(await phone.isVisible('.alert-success'), 'signed');
  expect((await phone.textContent('.details')).includes('Karin Hermans (Directeur)'), 'who signed, as typed');
  expect(!(await phone.isVisible('#f-authorised')), 'no form any more');
});

await test('she_downloads_the_signed_pdf', async () => {
  const [download] = await Promise.all([
    phone.waitForEvent('download'),
    phone.locator('.details a', { hasText: 'Ondertekend exemplaar (PDF)' }).click(),
  ]);
  expect(download.suggestedFilename() === `verwerkersovereenkomst-${version}.pdf`, `file name ${download.suggestedFilename()}`);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  expect(Buffer.concat(chunks).subarray(0, 5).toString() === '%PDF-', 'a PDF');
  await phone.goto(`${BASE}/`);
  expect(!(await phone.isVisible('#agreement-due')), 'the notice is gone');
});

await test('the_agency_admin_sees_the_signature', async () => {
  await logIn(agency, 'admin@uitzendbureau.example', DEMO_PASSWORD, DEMO_TOTP);
  await agency.click('a[href="/privacy/agreements"]');
  await agency.fill('#f-q', 'Klant NV');
  await agency.click('form.toolbar button[type=submit]');
  const row = agency.locator('tr', { has: agency.locator('th a', { hasText: /^Klant NV$/ }) });
  const text = (await row.textContent()).replace(/\s+/g, ' ');
  expect(text.includes('Ondertekend') && text.includes('Karin Hermans') && text.includes('Directeur'), text);
  expect(/\d{4}-\d\d-\d\d \d\d:\d\d/.test(text), `when: ${text}`);
  await row.locator('th a').click();
  const history = (await agency.textContent('table.data')).replace(/\s+/g, ' ');
  expect(history.includes(version) && history.includes('2025-1'), `both versions: ${history}`);
  expect(errors.length === 0, `no script errors: ${errors.join('; ')}`);
});

await b.close();
done();
