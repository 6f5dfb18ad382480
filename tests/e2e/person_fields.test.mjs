// person_fields.test.mjs: personal details in a real browser — a client
// user corrects his own details on "Mijn account" (a wrong number is
// refused with a message and kept to correct); the agency admin uploads a
// temp worker's photo on his page and the planner sees it beside his name
// in the week view, and no more once it is removed.
import { BASE, browser, done, expect, logIn, test } from './lib.mjs';

const DEMO_PASSWORD = 'Flexportal-demo-2026';
const DEMO_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
// A 16×16 green PNG.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR42mOQy7MhCTGMahjVMHw1AAA2/sgBia7OlAAAAABJRU5ErkJggg==', 'base64');

const b = await browser();
const client = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const admin = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const planner = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const errors = [];
for (const p of [client, admin, planner]) {
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
}

await test('a_client_user_corrects_his_details_on_his_account', async () => {
  await logIn(client, 'finance@klant.example', DEMO_PASSWORD);
  await client.click('a.who');
  await client.waitForSelector('#profile-h');
  expect(!(await client.isVisible('#f-email')), 'the e-mail address is not on the form');
  expect((await client.textContent('main')).includes('support@'), 'the page says whom to ask');
  await client.fill('#f-job_title', 'Controller Rotterdam');
  await client.fill('#f-mobile', '010-abc');
  await client.click('form[action$="/account/profile"] button[type=submit]');
  await client.waitForSelector('#e-mobile');
  expect((await client.inputValue('#f-mobile')) === '010-abc', 'the wrong number is kept to correct');
  expect((await client.getAttribute('#f-mobile', 'aria-invalid')) === 'true', 'the field is marked');
  expect((await client.inputValue('#f-job_title')) === 'Controller Rotterdam', 'the rest is kept too');
  await client.fill('#f-mobile', '+31 10 7654321');
  await client.click('form[action$="/account/profile"] button[type=submit]');
  await client.waitForSelector('.alert-success');
  const details = await client.textContent('dl.details');
  expect(details.includes('+31 10 7654321') && details.includes('Controller Rotterdam'), `shown: ${details}`);
  // As the demo had it.
  await client.fill('#f-job_title', 'Controller');
  await client.fill('#f-mobile', '');
  await client.click('form[action$="/account/profile"] button[type=submit]');
  await client.waitForSelector('.alert-success');
});

let worker = '';

await test('the_agency_admin_uploads_a_temp_workers_photo', async () => {
  await logIn(admin, 'admin@uitzendbureau.example', DEMO_PASSWORD, DEMO_TOTP);
  await admin.goto(`${BASE}/admin/users?q=Tom+Jacobs`);
  await admin.click('a:has-text("Tom Jacobs")');
  await admin.waitForSelector('#photo-h');
  worker = new URL(admin.url()).pathname.split('/').pop();
  await admin.setInputFiles('#f-file', { name: 'tom.png', mimeType: 'image/png', buffer: PHOTO });
  await admin.click('form[action$="/photo"] button[type=submit]');
  await admin.waitForSelector('.alert-success');
  const shown = await admin.$eval('img.avatar-large', (i) => i.complete && i.naturalWidth);
  expect(shown === 16, `the photo shows on his page (${shown})`);
});

async function weekOfTeamA2() {
  await planner.goto(`${BASE}/planning/`);
  const unit = await planner.$eval('#f-unit', (s) => [...s.options].find((o) => o.text.includes('Team A2')).value);
  await planner.selectOption('#f-unit', unit);
  await planner.click('form.toolbar button[type=submit]');
  await planner.waitForSelector('table.week');
}

await test('the_planner_sees_the_photo_beside_the_name_in_the_week_view', async () => {
  await logIn(planner, 'planner@klant.example', DEMO_PASSWORD);
  await weekOfTeamA2();
  const photo = `img.avatar[src="/admin/users/${worker}/photo"]`;
  const img = planner.locator(`table.week ${photo}`);
  await img.waitFor();
  const width = await img.evaluate((i) => (i.complete ? i.naturalWidth : new Promise((ok) => { i.onload = () => ok(i.naturalWidth); })));
  expect(width === 16, `the photo loaded (${width})`);
  const row = await planner.locator('table.week tr', { has: planner.locator(photo) }).textContent();
  expect(row.includes('Tom Jacobs'), 'beside his name');
});

await test('a_removed_photo_is_gone_from_the_week_view_at_once', async () => {
  await admin.click('form[action$="/photo/delete"] button');
  await admin.waitForSelector('.alert-success');
  expect(!(await admin.isVisible('img.avatar-large')), 'gone from his page');
  await weekOfTeamA2();
  expect(await planner.isVisible('table.week'), 'the week shows');
  expect((await planner.locator(`img.avatar[src="/admin/users/${worker}/photo"]`).count()) === 0, 'no photo');
});

await test('no_script_errors', async () => {
  expect(errors.length === 0, errors.join('\n'));
});

await b.close();
done();
