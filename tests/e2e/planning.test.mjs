// planning.test.mjs: a week planned, published and contracted, in a real
// browser — a temp worker enters his week; the planner plans three workers
// from the week view, publishes, and sees the back-office's contracts
// appear; the worker then finds his shift under "Mijn planning".
import { BASE, browser, done, expect, logIn, test } from './lib.mjs';

const DEMO_PASSWORD = 'Flexportal-demo-2026';
const b = await browser();
const planner = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const worker = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const errors = [];
for (const p of [planner, worker]) {
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
}

// The Monday three weeks ahead, and a day of its week, as YYYY-MM-DD.
const monday = new Date();
monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7) + 21);
const day = (n) => {
  const d = new Date(monday);
  d.setDate(d.getDate() + n);
  const pad = (x) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

await test('the_worker_enters_his_week', async () => {
  await logIn(worker, 'worker@flex.example', DEMO_PASSWORD);
  await worker.click('a[href="/planning/me"]');
  for (let d = 1; d <= 7; d++) {
    await worker.fill(`#f-from${d}`, d <= 5 ? '06:00' : '');
    await worker.fill(`#f-to${d}`, d <= 5 ? '22:00' : '');
  }
  await worker.click('form[action$="/planning/me/week"] button[type=submit]');
  await worker.waitForSelector('.alert-success');
});

async function planFor(name, date, from, to, position) {
  await planner.click(`a[aria-label="Dienst plannen voor ${name}, ${date}"]`);
  await planner.waitForSelector('#f-start');
  expect((await planner.inputValue('#f-worker')) !== '', `${name} is chosen`);
  await planner.selectOption('#f-position', position);
  await planner.fill('#f-start', `${date}T${from}`);
  await planner.fill('#f-end', `${date}T${to}`);
  await planner.click('form[action$="/planning/shifts"] button.btn-primary');
  await planner.waitForSelector('.alert-success');
}

await test('the_planner_plans_three_workers_and_publishes', async () => {
  await logIn(planner, 'planner@klant.example', DEMO_PASSWORD);
  await planner.click('a[href="/planning/"]');
  const unit = await planner.$eval('#f-unit', (s) => [...s.options].find((o) => o.text.includes('Team A1')).value);
  await planner.selectOption('#f-unit', unit);
  await planner.fill('#f-week', day(0));
  await planner.click('form.toolbar button[type=submit]');
  await planner.waitForSelector('table.week');
  await planFor('Jan Willems', day(0), '08:00', '16:00', 'Productiemedewerker inpak');
  await planFor('Sanne Peeters', day(0), '14:00', '22:00', 'Productiemedewerker inpak');
  await planFor('Youssef Amrani', day(1), '06:00', '14:00', 'Heftruckchauffeur');
  const button = planner.locator('form[action$="/planning/publish"] button');
  expect((await button.textContent()).includes('(3)'), 'three shifts to publish');
  await button.click();
  await planner.waitForSelector('.alert-success');
});

await test('the_week_follows_its_contracts_as_they_arrive_without_a_reload', async () => {
  // The page after publishing counts what the back-office made of the
  // week; its script updates the counts while the same page stays open.
  await planner.waitForSelector('[data-progress] [data-count="waiting"]');
  await planner.evaluate(() => { window.stillTheSamePage = true; });
  const polls = [];
  planner.on('response', (res) => { if (res.url().includes('/planning/progress?')) polls.push(res.status()); });
  const first = await planner.textContent('[data-count="waiting"]');
  let waiting = null;
  for (let i = 0; i < 60 && waiting !== '0'; i++) {
    await new Promise((r) => setTimeout(r, 500));
    waiting = await planner.textContent('[data-count="waiting"]');
  }
  expect(waiting === '0', `nothing waits any more, still ${waiting}`);
  // Unless the back-office was done before the page was, the script asked.
  expect(first === '0' || (polls.length > 0 && polls.every((st) => st === 200)),
    `the script followed the ${first} waiting shifts (${polls.length} polls)`);
  expect(await planner.evaluate(() => window.stillTheSamePage === true), 'no reload happened');
  const contracted = Number(await planner.textContent('[data-count="contracted"]'));
  expect(contracted >= 3, `the three contracts counted, got ${contracted}`);
  expect((await planner.textContent('[data-progress-note]')).includes('alles verwerkt'), 'the page says it is done');
});

await test('the_contracts_appear', async () => {
  let n = 0;
  for (let i = 0; i < 30 && n < 3; i++) {
    await planner.reload();
    n = (await planner.textContent('table.week')).split('gecontracteerd').length - 1;
    if (n < 3) await new Promise((r) => setTimeout(r, 1000));
  }
  expect(n === 3, `three contracted shifts, got ${n}`);
});

await test('the_worker_sees_his_shift', async () => {
  await worker.goto(`${BASE}/planning/me`);
  const text = await worker.textContent('main');
  // The day in his language ("ma 7 dec"), the date itself for machines.
  expect(await worker.$(`time[datetime="${day(0)}"]`), `his shift on ${day(0)}`);
  expect(text.includes('08:00–16:00') && text.includes('gecontracteerd'),
    `his contracted shift, got ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
  expect(!text.includes('14:00–22:00'), 'not a colleague\'s shift');
});

await test('the_day_view_shows_coverage_and_publishes_the_chosen_shifts', async () => {
  await planner.goto(`${BASE}/planning/?unit=${await planner.$eval('#f-unit', (s) => s.value)}&week=${day(0)}`);
  await planFor('Jan Willems', day(2), '08:00', '16:00', 'Productiemedewerker inpak');
  await planner.click(`thead a[href$="date=${day(2)}"]`);
  await planner.waitForSelector('.coverage');
  const text = (await planner.textContent('main')).replace(/\s+/g, ' ');
  expect(text.includes('Productiemedewerker inpak') && /1 van 1/.test(text), `coverage, got ${text.slice(0, 400)}`);
  // A little script adds a box that ticks them all.
  await planner.check('label:has-text("Alles kiezen") input');
  expect(await planner.isChecked('input[name=shift]'), 'the shift is ticked');
  await planner.click('button:has-text("Gekozen diensten publiceren")');
  await planner.waitForSelector('.alert-success');
  expect((await planner.textContent('.alert-success')).includes('1'), 'one shift published');
});

await test('no_script_errors_and_no_csp_violations', async () => {
  expect(errors.length === 0, `no errors, got ${errors.join(' | ')}`);
});

await b.close();
done();
