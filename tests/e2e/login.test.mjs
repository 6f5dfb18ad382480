// login.test.mjs: the login page in a real browser — an empty form comes back
// with the field errors, the address typed is kept, the language switch works.
import { BASE, browser, done, expect, test } from './lib.mjs';

const b = await browser();
const ctx = await b.newContext({ ignoreHTTPSErrors: true });
const page = await ctx.newPage();
const scriptErrors = [];
page.on('pageerror', (e) => scriptErrors.push(String(e)));
// A refused form answers 422, which the console reports too: only script
// errors and policy violations count.
page.on('console', (m) => {
  if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) scriptErrors.push(m.text());
});

await test('login_page_opens_in_dutch', async () => {
  const r = await page.goto(`${BASE}/login`);
  expect(r.status() === 200, `status 200, got ${r.status()}`);
  expect(await page.title() === 'Inloggen · Flexportal', `title, got ${await page.title()}`);
  expect(await page.getAttribute('html', 'lang') === 'nl', 'lang nl');
});

await test('empty_form_shows_the_field_errors', async () => {
  await page.click('button[type=submit].btn-primary');
  await page.waitForSelector('#e-email');
  expect((await page.textContent('#e-email')).includes('Vul dit veld in.'), 'email error');
  expect((await page.textContent('#e-password')).includes('Vul dit veld in.'), 'password error');
  expect(await page.getAttribute('#f-email', 'aria-invalid') === 'true', 'aria-invalid');
  expect(await page.isVisible('.alert-error'), 'summary alert');
});

await test('a_wrong_address_is_kept_and_explained', async () => {
  await page.fill('#f-email', 'jan.bedrijf.nl');
  await page.fill('#f-password', 'geheim-wachtwoord');
  await page.click('button[type=submit].btn-primary');
  await page.waitForSelector('#e-email');
  expect(await page.inputValue('#f-email') === 'jan.bedrijf.nl', 'input kept');
  expect(await page.inputValue('#f-password') === '', 'password not kept');
  expect((await page.textContent('#e-email')).includes('geldig e-mailadres'), 'email message');
});

await test('the_first_field_in_error_has_focus', async () => {
  const id = await page.evaluate(() => document.activeElement && document.activeElement.id);
  expect(id === 'f-email', `focus on f-email, got ${id}`);
});

await test('language_switch_changes_the_page_without_script', async () => {
  await page.click('.langswitch button[value=en]');
  await page.waitForSelector('html[lang=en]');
  expect((await page.textContent('h1')) === 'Sign in', 'English heading');
  await page.click('.langswitch button[value=nl]');
  await page.waitForSelector('html[lang=nl]');
});

await test('no_script_errors_and_no_csp_violations', async () => {
  expect(scriptErrors.length === 0, `no errors, got ${scriptErrors.join(' | ')}`);
});

await b.close();
done();
