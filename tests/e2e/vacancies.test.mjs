// vacancies.test.mjs: from a proposal to an accepted candidate, in a real
// browser — the consultant proposes someone with a CV, the hiring manager
// is mailed, opens the candidate and asks for an interview, the consultant
// confirms a time, the hiring manager accepts.
import { BASE, browser, done, expect, logIn, mailWith, test } from './lib.mjs';

const DEMO_PASSWORD = 'Flexportal-demo-2026';
const DEMO_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const name = `Ilona Journey ${Date.now() % 100000}`;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'
  + '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const b = await browser();
const consultant = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const manager = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const errors = [];
for (const p of [consultant, manager]) {
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
}

// A time in the days ahead as a datetime-local value.
function ahead(days, hour) {
  const t = new Date(Date.now() + days * 86400000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(hour)}:00`;
}

let candidatePath = '';
await test('the_consultant_proposes_a_new_candidate_with_a_cv', async () => {
  await logIn(consultant, 'consultant@uitzendbureau.example', DEMO_PASSWORD, DEMO_TOTP);
  await consultant.click('a[href="/vacancies/"]');
  await consultant.click('a:has-text("Inpakker dagdienst")');
  await consultant.click('a:has-text("Kandidaat voorstellen")');
  await consultant.fill('#f-name', name);
  await consultant.fill('#f-email', `ilona.${Date.now()}@example.net`);
  await consultant.setInputFiles('#f-file', { name: 'cv-ilona.pdf', mimeType: 'application/pdf', buffer: pdf });
  await consultant.fill('#f-proposal', 'Vijf jaar ervaring aan een inpaklijn, heftruckcertificaat.');
  await consultant.click('button[type=submit].btn-primary');
  await consultant.waitForSelector('.alert-success');
  candidatePath = new URL(consultant.url()).pathname;
  expect(/^\/vacancies\/\d+\/candidates\/\d+$/.test(candidatePath), `the candidate's page, got ${candidatePath}`);
});

await test('the_hiring_manager_is_mailed_and_asks_for_an_interview', async () => {
  const mail = await mailWith('hiring.manager@klant.example', `${BASE}${candidatePath}`);
  expect(mail.includes('Inpakker dagdienst'), 'the mail names the vacancy');
  await logIn(manager, 'hiring.manager@klant.example', DEMO_PASSWORD);
  await manager.goto(`${BASE}${candidatePath}`);
  expect((await manager.textContent('h1')).includes(name), 'the candidate by name');
  await manager.fill('#f-slot1', ahead(3, 10));
  await manager.fill('#f-slot2', ahead(4, 14));
  await manager.click('button:has-text("Gesprek vragen")');
  await manager.waitForSelector('.alert-success');
  expect((await manager.textContent('.badge')).includes('Gesprek'), 'the candidate is in interview');
});

await test('the_consultant_confirms_a_time', async () => {
  await mailWith('consultant@uitzendbureau.example', `${BASE}${candidatePath}`);
  await consultant.goto(`${BASE}${candidatePath}`);
  await consultant.check('input[name=slot] >> nth=1');
  await consultant.click('button:has-text("Tijdstip bevestigen")');
  await consultant.waitForSelector('.alert-success');
  // The time in words ("11 dec 2026 14:00"), its date kept for machines.
  const chosen = consultant.locator('li', { hasText: '— bevestigd' });
  expect(await chosen.count() === 1, 'one time is confirmed');
  expect(await chosen.locator('time').getAttribute('datetime') === ahead(4, 14).slice(0, 10)
    && (await chosen.textContent()).includes('14:00'), 'the second time is confirmed');
});

await test('the_hiring_manager_accepts_and_the_board_shows_it', async () => {
  await mailWith('hiring.manager@klant.example', ahead(4, 14).replace('T', ' '));
  await manager.goto(`${BASE}${candidatePath}`);
  await manager.click('button:has-text("Aannemen")');
  await manager.waitForSelector('.alert-success');
  await manager.click('a:has-text("Terug naar de vacature")');
  const column = await manager.textContent('#col-accepted >> xpath=..');
  expect(column.includes(name), `the board's accepted column holds the candidate, got ${column.replace(/\s+/g, ' ')}`);
});

await test('no_script_errors_and_no_csp_violations', async () => {
  expect(errors.length === 0, `no errors, got ${errors.join(' | ')}`);
});

await b.close();
done();
