// journey.test.mjs: from registration to a second factor, in a real browser —
// the agency admin registers a client user, the invitation arrives by mail,
// the user chooses a password, logs in, sets up TOTP, logs out, and logs in
// again with a code from the app.
import { BASE, browser, done, expect, freshStep, linkInMail, test, totp } from './lib.mjs';

const DEMO_PASSWORD = 'Flexportal-demo-2026';
const DEMO_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const email = `journey.${Date.now()}@klant.example`;
const password = 'zeven groene kikkers springen';
let userKey = '';

const b = await browser();
const admin = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const user = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const errors = [];
for (const p of [admin, user]) {
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
}

async function logIn(page, who, pass) {
  await page.goto(`${BASE}/login`);
  await page.fill('#f-email', who);
  await page.fill('#f-password', pass);
  await page.click('button[type=submit].btn-primary');
}

await test('the_agency_admin_logs_in_with_password_and_code', async () => {
  await logIn(admin, 'admin@uitzendbureau.example', DEMO_PASSWORD);
  await admin.waitForURL(`${BASE}/login/totp`);
  await admin.fill('#f-code', totp(DEMO_TOTP, await freshStep('admin@uitzendbureau.example')));
  await admin.click('button[type=submit].btn-primary');
  await admin.waitForURL(`${BASE}/`);
  expect(await admin.isVisible('a[href="/admin/"]'), 'administration tile');
});

await test('the_admin_registers_a_client_user', async () => {
  await admin.goto(`${BASE}/admin/users/new`);
  await admin.selectOption('select[name=kind]', 'client');
  await admin.selectOption('select[name=client]', { label: 'Klant NV' });
  await admin.fill('input[name=first_name]', 'Julia');
  await admin.fill('input[name=last_name]', 'Reis');
  await admin.fill('input[name=job_title]', 'Ploegleider');
  await admin.fill('input[name=email]', email);
  await admin.click('form[action$="/admin/users"] button[type=submit]');
  await admin.waitForSelector('h1');
  const main = await admin.textContent('main');
  expect(main.includes(email), `the new user page, got: ${main.replace(/\s+/g, ' ').slice(0, 400)}`);
});

let invitePath = '';
await test('the_invitation_arrives_by_mail', async () => {
  invitePath = await linkInMail(email, '/invite/');
  expect(invitePath.startsWith('/invite/'), 'an invitation link');
});

await test('the_user_chooses_a_password', async () => {
  await user.goto(`${BASE}${invitePath}`);
  await user.fill('#f-password', password);
  await user.fill('#f-password2', password);
  await user.click('button[type=submit].btn-primary');
  await user.waitForSelector('.alert-success');
});

await test('the_user_logs_in_and_sets_up_the_second_factor', async () => {
  await logIn(user, email, password);
  await user.waitForURL(`${BASE}/`);
  await user.goto(`${BASE}/account/2fa`);
  expect(await user.isVisible('img.qr'), 'the QR code');
  userKey = (await user.textContent('code.key')).replace(/\s/g, '');
  await user.fill('#f-code', totp(userKey, await freshStep(email)));
  await user.click('button[type=submit].btn-primary');
  await user.waitForSelector('ul.codes');
  expect((await user.$$('ul.codes li')).length === 10, 'ten recovery codes');
});

await test('the_user_logs_out_and_in_again_with_a_code', async () => {
  await user.click('form.logout button[type=submit]');
  await user.waitForURL(`${BASE}/login`);
  await logIn(user, email, password);
  await user.waitForURL(`${BASE}/login/totp`);
  await user.fill('#f-code', totp(userKey, await freshStep(email)));
  await user.click('button[type=submit].btn-primary');
  await user.waitForURL(`${BASE}/`);
  expect((await user.textContent('h1')).includes('Julia Reis'), 'the dashboard greets the user');
});

await test('no_script_errors_and_no_csp_violations', async () => {
  expect(errors.length === 0, `no errors, got ${errors.join(' | ')}`);
});

await b.close();
done();
