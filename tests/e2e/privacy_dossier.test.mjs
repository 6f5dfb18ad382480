// privacy_dossier.test.mjs: the right of access and portability in a real
// browser — a temp worker opens "Mijn gegevens" and takes his data along
// as a PDF and as JSON (on a phone too); the privacy officer finds a temp
// worker and reads his file.
import { BASE, browser, done, expect, logIn, test } from './lib.mjs';

const DEMO_PASSWORD = 'Flexportal-demo-2026';
const DEMO_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

const b = await browser();
const worker = await (await b.newContext({
  ignoreHTTPSErrors: true, acceptDownloads: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
})).newPage();
const officer = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const errors = [];
for (const p of [worker, officer]) {
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
}

async function bytesOf(download) {
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  return Buffer.concat(chunks);
}

async function take(page, label) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#dossier-h ~ .actions a', { hasText: label }).click(),
  ]);
  return download;
}

await test('the_worker_finds_his_data_under_mijn_gegevens', async () => {
  await logIn(worker, 'worker@flex.example', DEMO_PASSWORD);
  await worker.click('footer a[href="/privacy/me"]');
  await worker.waitForSelector('#dossier-h');
  expect((await worker.textContent('h1')).includes('Mijn gegevens'), 'his own page');
  expect((await worker.textContent('#dossier-h ~ dl')).includes('Diensten'), 'what his file holds');
  expect(await worker.evaluate(() => document.documentElement.scrollWidth) <= 390, 'the page fits the phone');
});

await test('the_worker_downloads_his_data_as_a_pdf', async () => {
  const d = await take(worker, 'PDF');
  expect(/^dossier-u\d+-\d{4}-\d{2}-\d{2}\.pdf$/.test(d.suggestedFilename()), `file name ${d.suggestedFilename()}`);
  expect(!/willems/i.test(d.suggestedFilename()), 'no name in the file name');
  const pdf = await bytesOf(d);
  expect(pdf.subarray(0, 5).toString() === '%PDF-', 'a PDF');
  expect(pdf.subarray(-6).toString().includes('%%EOF'), 'a whole PDF');
});

await test('the_worker_downloads_his_data_as_json_to_take_along', async () => {
  const d = await take(worker, 'JSON');
  expect(d.suggestedFilename().endsWith('.json'), `file name ${d.suggestedFilename()}`);
  const file = JSON.parse((await bytesOf(d)).toString('utf8'));
  expect(file.format === 'flexportal-dossier' && file.version === 1, 'the format');
  expect(file.account.email === 'worker@flex.example', 'his account');
  expect(file.shifts.length > 0 && file.timesheets.length > 0, 'his shifts and hours');
  expect(file.timesheets.some((t) => t.state === 'draft'), 'his own draft is in his own file');
  expect(file.national_id.number.startsWith('*****'), 'the number masked');
  expect(file.register.length > 0, 'why it is kept');
});

await test('the_worker_reads_his_file_on_the_phone', async () => {
  await worker.click('#dossier-h ~ .actions a:has-text("Bekijken")');
  await worker.waitForSelector('#d-shifts');
  expect((await worker.textContent('#d-national_id')).includes('*****2333'), 'the masked number');
  expect(await worker.evaluate(() => document.documentElement.scrollWidth) <= 390, 'the file fits the phone');
});

await test('the_privacy_officer_opens_a_persons_file', async () => {
  await logIn(officer, 'privacy@uitzendbureau.example', DEMO_PASSWORD, DEMO_TOTP);
  await officer.goto(`${BASE}/privacy/persons?q=Willems`);
  await officer.click('a:has-text("Jan Willems")');
  await officer.waitForSelector('#dossier-h');
  await officer.click('#dossier-h ~ .actions a:has-text("Bekijken")');
  await officer.waitForSelector('#d-register');
  expect((await officer.textContent('h1')).includes('Jan Willems'), 'his file');
  expect((await officer.textContent('#d-skills')).includes('Productiemedewerker inpak'), 'his skills');
  expect((await officer.textContent('#d-timesheets')).includes('Goedgekeurd'), 'his hours');
  expect((await officer.textContent('#d-register')).includes('Doel'), 'the purposes');
  expect((await officer.textContent('#d-timesheets')).includes('Concepturen'), 'his draft withheld, and said so');
  expect(!(await officer.textContent('main')).includes('111222333'), 'never the whole number');
});

await test('no_script_errors', async () => {
  expect(errors.length === 0, errors.join('\n'));
});

await b.close();
done();
