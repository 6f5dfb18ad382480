// privacy_requests.test.mjs: a request of a data subject from start to
// end, in a real browser — the temp worker asks on his phone, under "Mijn
// gegevens", to see his data; the privacy officer is mailed, finds it in
// the queue with its deadline, and closes it with what was done; the
// worker sees the answer on his own page.
import { execFileSync } from 'node:child_process';
import { BASE, browser, done, expect, logIn, mailWith, test } from './lib.mjs';

const DEMO_PASSWORD = 'Flexportal-demo-2026';
const DEMO_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const WORDS = `Welke gegevens bewaren jullie van mij? (e2e ${Date.now()})`;
const ANSWER = 'Uw gegevens staan in het overzicht dat u per e-mail kreeg.';

const sql = (q) => execFileSync('mariadb', ['--no-defaults', '-S', process.env.DB_SOCK, '-u', 'root', '-N',
  '-B', process.env.DB_NAME, '-e', q], { encoding: 'utf8' }).trim();

// A person has at most five open requests of his own: earlier runs' are
// closed first.
sql("UPDATE privacy_requests r JOIN users u ON u.id = r.user_id SET r.state = 'done',"
  + " r.closed_at = UTC_TIMESTAMP(), r.closed_by = u.id"
  + " WHERE u.email = 'worker@flex.example' AND r.channel = 'self' AND r.state = 'open'");

const b = await browser();
const phone = await (await b.newContext({
  ignoreHTTPSErrors: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
})).newPage();
const officer = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const errors = [];
for (const p of [phone, officer]) {
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
}
const fitsThePhone = async () => (await phone.evaluate(() => document.documentElement.scrollWidth)) <= 390;
let id = '';

await test('the_worker_asks_to_see_his_data_from_mijn_gegevens_on_his_phone', async () => {
  await logIn(phone, 'worker@flex.example', DEMO_PASSWORD);
  await phone.click('footer a[href="/privacy/me"]');
  await phone.waitForSelector('#requests h2');
  expect((await phone.textContent('#requests h2')).includes('Mijn verzoeken'), 'his requests have a section');
  await phone.selectOption('#f-request_kind', 'access');
  await phone.fill('#f-request_text', WORDS);
  await phone.click('form[action$="/privacy/me/requests"] button[type=submit]');
  await phone.waitForSelector('.alert-success');
  const mine = phone.locator('.my-requests li', { hasText: WORDS });
  expect(await mine.count() === 1, 'his request is listed');
  id = await mine.getAttribute('data-request');
  const text = (await mine.textContent()).replace(/\s+/g, ' ');
  expect(text.includes('Verzoek om inzage') && text.includes('Uiterlijk af op') && text.includes('Open'),
    `it shows its kind, deadline and state, got ${text}`);
  expect(await fitsThePhone(), 'his page fits the phone');
});

await test('the_privacy_officer_is_mailed_with_a_link_and_without_his_words', async () => {
  const mail = await mailWith('privacy@uitzendbureau.example', `/privacy/requests/${id}`);
  expect(mail.includes('Inzage') && !mail.includes(WORDS), 'the kind, not the words');
});

await test('the_privacy_officer_finds_it_in_the_queue_and_closes_it', async () => {
  await logIn(officer, 'privacy@uitzendbureau.example', DEMO_PASSWORD, DEMO_TOTP);
  await officer.goto(`${BASE}/privacy/`);
  await officer.click('.tile a[href="/privacy/requests"]');
  await officer.selectOption('#f-state', 'open');
  await officer.selectOption('#f-kind', 'access');
  await officer.click('form[role=search] button[type=submit]');
  await officer.waitForURL((u) => u.search.includes('kind=access'));
  const row = officer.locator(`tr[data-request="${id}"]`);
  const text = (await row.textContent()).replace(/\s+/g, ' ');
  expect(text.includes('Jan Willems') && text.includes('Ingediend door de persoon zelf'), `the row, got ${text}`);
  await row.locator(`th a[href="/privacy/requests/${id}"]`).click();
  expect((await officer.textContent('main')).includes(WORDS), 'his words are on the request');
  await officer.selectOption('#f-state', 'done');
  await officer.fill('#f-outcome', ANSWER);
  await officer.click('form[action$="/close"] button[type=submit]');
  await officer.waitForSelector('.alert-success');
  const page = (await officer.textContent('main')).replace(/\s+/g, ' ');
  expect(page.includes('Afgehandeld') && page.includes(ANSWER), 'closed, with what was done');
  expect(await officer.locator('form[action$="/close"]').count() === 0, 'nothing left to do');
});

await test('the_worker_sees_the_answer', async () => {
  await phone.goto(`${BASE}/privacy/me`);
  const text = (await phone.locator(`.my-requests li[data-request="${id}"]`).textContent()).replace(/\s+/g, ' ');
  expect(text.includes('Afgehandeld') && text.includes(ANSWER), `the answer, got ${text}`);
});

await test('no_script_errors_and_no_csp_violations', async () => {
  expect(errors.length === 0, `no errors, got ${errors.join(' | ')}`);
});

await b.close();
done();
