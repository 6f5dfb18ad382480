// timesheets.test.mjs: a week of hours from the worker's phone to the
// back-office, in a real browser — the temp worker fills in and submits
// his week on a phone (390 × 844); the supervisor rejects it with a reason;
// the worker corrects and submits again; the supervisor approves; the
// back-office simulator holds exactly one approved version; the agency
// corrects it and the simulator holds version 2.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BASE, browser, done, expect, logIn, test } from './lib.mjs';

const DEMO_PASSWORD = 'Flexportal-demo-2026';
const DEMO_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const ctl = (key) => execFileSync('build/sbin/portalctl', ['config-get', key], { cwd: '../..', encoding: 'utf8' }).trim();
const secrets = ctl('Paths.Secrets');
const token = readFileSync(secrets.startsWith('/') ? secrets : `../../${secrets}`, 'utf8')
  .split('\n').find((l) => l.startsWith('Backoffice.Token')).split('=')[1].trim();
const SIM = `http://127.0.0.1:${ctl('Stack.BackofficePort')}`;

async function versionsAtSim(sheet) {
  const r = await fetch(`${SIM}/sim/timesheets`, { headers: { Authorization: `Bearer ${token}` } });
  return (await r.json()).timesheets.filter((t) => t.timesheet === `T${sheet}`);
}

async function waitFor(fn, what, seconds = 20) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`waited for ${what}`);
}

const b = await browser();
const phone = await (await b.newContext({
  ignoreHTTPSErrors: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
})).newPage();
const supervisor = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const agency = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const errors = [];
for (const p of [phone, supervisor, agency]) {
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
}
const fitsThePhone = async () => (await phone.evaluate(() => document.documentElement.scrollWidth)) <= 390;
let sheet = '';

await test('the_worker_fills_in_and_submits_his_week_on_a_phone', async () => {
  await logIn(phone, 'worker@flex.example', DEMO_PASSWORD);
  // The menu folds away on a phone: the dashboard's tile leads there.
  await phone.click('.tile a[href="/timesheets/me"]');
  expect(await fitsThePhone(), 'his weeks fit the phone');
  // His draft of last week (the demo's), filled in from his shifts.
  await phone.click('.sheets li:has(.state-draft) a');
  sheet = new URL(phone.url()).pathname.split('/').pop();
  expect(await fitsThePhone(), 'the week\'s form fits the phone');
  expect((await phone.inputValue('#f-start1')) === '07:00', 'the first line comes from his shift');
  await phone.fill('#f-end1', '16:30');
  await phone.fill('#f-remark1', 'Vrachtwagen kwam laat');
  await phone.click('button[name=submit]');
  await phone.waitForSelector('.alert-success');
  expect((await phone.textContent('main')).includes('Ingediend'), 'the week is submitted');
});

await test('the_supervisor_rejects_it_with_a_reason', async () => {
  await logIn(supervisor, 'supervisor@klant.example', DEMO_PASSWORD);
  await supervisor.click('nav a[href="/timesheets/"]');
  await supervisor.click(`a[href="/timesheets/${sheet}"]`);
  const text = (await supervisor.textContent('main')).replace(/\s+/g, ' ');
  expect(text.includes('Jan Willems') && text.includes('wijkt af'), `the day that differs is marked, got ${text.slice(0, 300)}`);
  await supervisor.fill('#f-reason', 'Maandag eindigde om 16:00 volgens de prikklok.');
  await supervisor.click('form[action$="/reject"] button');
  await supervisor.waitForSelector('.alert-success');
});

await test('the_worker_corrects_and_submits_again', async () => {
  await phone.goto(`${BASE}/timesheets/me/${sheet}`);
  const text = await phone.textContent('main');
  expect(text.includes('volgens de prikklok'), 'he sees the reason');
  await phone.fill('#f-end1', '16:00');
  await phone.click('button[name=submit]');
  await phone.waitForSelector('.alert-success');
  expect(await fitsThePhone(), 'his weeks still fit the phone');
});

await test('the_supervisor_approves_and_the_back_office_holds_one_version', async () => {
  await supervisor.goto(`${BASE}/timesheets/${sheet}`);
  await supervisor.click('form[action$="/approve"] button');
  await supervisor.waitForSelector('.alert-success');
  await waitFor(async () => (await versionsAtSim(sheet)).length === 1, 'the approved version at the back-office');
  const held = await versionsAtSim(sheet);
  expect(held.length === 1 && held[0].version === 1, `one version, got ${JSON.stringify(held).slice(0, 200)}`);
});

await test('the_agency_corrects_it_and_the_back_office_holds_version_2', async () => {
  await logIn(agency, 'consultant@uitzendbureau.example', DEMO_PASSWORD, DEMO_TOTP);
  await agency.goto(`${BASE}/timesheets/${sheet}`);
  await agency.click(`a[href="/timesheets/${sheet}/correct"]`);
  await agency.fill('#f-end1', '16:15');
  await agency.fill('#f-reason', 'Afgesproken met de teamleider: tot 16:15.');
  await agency.click('form[action$="/correct"] button.btn-primary');
  await agency.waitForSelector('.alert-success');
  const text = (await agency.textContent('main')).replace(/\s+/g, ' ');
  expect(text.includes('Versie 2') && text.includes('Versie 1'), 'the history shows both versions');
  await waitFor(async () => (await versionsAtSim(sheet)).length === 2, 'version 2 at the back-office');
  const held = await versionsAtSim(sheet);
  expect(held.map((t) => t.version).join() === '1,2', `versions 1 and 2, got ${held.map((t) => t.version)}`);
});

await test('no_script_errors_and_no_csp_violations', async () => {
  expect(errors.length === 0, `no errors, got ${errors.join(' | ')}`);
});

await b.close();
done();
