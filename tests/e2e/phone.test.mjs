// phone.test.mjs: the portal on a phone (390 × 844, touch), in a real
// browser — a temp worker sees his planning, fills in his hours of a week
// of contracted shifts, changes a line and submits it; the planner's week
// scrolls inside its own box with the column of names in place; the
// supervisor approves the week from his list. No page scrolls sideways.
// A full-page screenshot of each demo role's dashboard and of those pages
// goes to the stack's screenshots folder (var/<stack>/screenshots), its
// path printed as a TAP comment, each checked as a person would look at
// it: the heading on the first screen, the menu button there, nothing past
// the right edge but inside a box that scrolls.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BASE, browser, done, expect, logIn, test } from './lib.mjs';

const PASSWORD = 'Flexportal-demo-2026';
const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const WIDTH = 390;
const HEIGHT = 844;
const SHOTS = join(dirname(process.env.MAIL_DIR), 'screenshots');
const ROLES = [
  ['admin@uitzendbureau.example', TOTP], ['consultant@uitzendbureau.example', TOTP],
  ['privacy@uitzendbureau.example', TOTP], ['hr.manager@klant.example'], ['planner@klant.example'],
  ['supervisor@klant.example'], ['hiring.manager@klant.example'], ['finance@klant.example'],
  ['directie@klant.example'], ['worker@flex.example'],
];
const RUN = Date.now().toString(36);
const UNIT = 'Team A1 — Inpak';
const POSITION = 'Inpakker';

mkdirSync(SHOTS, { recursive: true });

function sql(query) {
  return execFileSync('mariadb', ['--no-defaults', '-S', process.env.DB_SOCK, '-u', 'root', '-N', '-B',
    process.env.DB_NAME, '-e', query], { encoding: 'utf8' }).trim();
}

// A day as YYYY-MM-DD, and a wall-clock time at the units (Europe/Brussels)
// as UTC: UTC+2 from the last Sunday of March to the last Sunday of October.
const iso = (d) => d.toISOString().slice(0, 10);
function utc(day, hhmm) {
  const lastSunday = (month) => {
    const d = new Date(Date.UTC(day.getUTCFullYear(), month + 1, 0));
    d.setUTCDate(d.getUTCDate() - d.getUTCDay());
    return d;
  };
  const summer = day >= lastSunday(2) && day < lastSunday(9);
  const [h, m] = hhmm.split(':').map(Number);
  const t = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h - (summer ? 2 : 1), m));
  return t.toISOString().slice(0, 19).replace('T', ' ');
}

// A temp worker of this run with the demo password, in Team A1's pool,
// with contracted shifts Wednesday to Friday of last week (07:00–15:30,
// 30 minutes' break): a week to fill in, and shifts in his planning.
function aWorkerWithLastWeeksShifts() {
  const email = `telefoon-${RUN}@flex.example`;
  sql(`INSERT INTO users (kind, email, first_name, last_name, status, created_at, last_activity_at)`
    + ` VALUES ('worker', '${email}', 'Sam', 'Telefoon${RUN}', 'active', UTC_TIMESTAMP(), UTC_TIMESTAMP())`);
  const id = sql(`SELECT id FROM users WHERE email = '${email}'`);
  sql(`INSERT INTO credentials (user_id, password_hash, password_changed_at) SELECT ${id}, password_hash,`
    + ` UTC_TIMESTAMP() FROM credentials c JOIN users u ON u.id = c.user_id WHERE u.email = 'worker@flex.example'`);
  const unit = sql(`SELECT id FROM org_units WHERE name = '${UNIT}'`);
  sql(`INSERT INTO pool (worker_user_id, unit_id, position, source, created_at)`
    + ` VALUES (${id}, ${unit}, '${POSITION}', 'agency', UTC_TIMESTAMP())`);
  const today = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()));
  const monday = new Date(today);
  monday.setUTCDate(today.getUTCDate() - ((today.getUTCDay() + 6) % 7) - 7);
  for (const d of [2, 3, 4]) {
    const day = new Date(monday);
    day.setUTCDate(monday.getUTCDate() + d);
    sql(`INSERT INTO shifts (unit_id, position, worker_user_id, starts_at, ends_at, break_minutes, state,`
      + ` created_at, updated_at) VALUES (${unit}, '${POSITION}', ${id}, '${utc(day, '07:00')}',`
      + ` '${utc(day, '15:30')}', 30, 'contracted', UTC_TIMESTAMP(), UTC_TIMESTAMP())`);
    const shift = sql(`SELECT MAX(id) FROM shifts WHERE worker_user_id = ${id}`);
    sql(`INSERT INTO contracts (shift_id, version, contract_no, hourly_wage, bill_rate, created_at)`
      + ` VALUES (${shift}, 1, 'P-${RUN}-${shift}', 14.25, 23.50, UTC_TIMESTAMP())`);
    sql(`UPDATE shifts SET contract_id = (SELECT id FROM contracts WHERE shift_id = ${shift}) WHERE id = ${shift}`);
  }
  return { email, week: iso(monday) };
}

const b = await browser();
const phone = () => b.newContext({
  ignoreHTTPSErrors: true, viewport: { width: WIDTH, height: HEIGHT }, isMobile: true, hasTouch: true,
  locale: 'nl-NL',
});
const errors = [];
async function newPhone() {
  const page = await (await phone()).newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  return page;
}

// The page does not scroll sideways.
async function fits(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width <= WIDTH, `${what} fits the phone, got ${width} px wide at ${page.url()}`);
}

// What a person checks on a phone's page: it fits, its heading is on the
// first screen, so is the menu button, and nothing reaches past the right
// edge but inside a box that scrolls (or clips) on its own.
async function looksRight(page, what) {
  await fits(page, what);
  await page.evaluate(() => window.scrollTo(0, 0));
  const h1 = await page.locator('main h1').first().boundingBox();
  expect(h1 && h1.y >= 0 && h1.y + h1.height <= HEIGHT && h1.x >= 0 && h1.x + h1.width <= WIDTH,
    `${what}: its heading is on the first screen, got ${JSON.stringify(h1)}`);
  const toggle = await page.locator('.menu-toggle').boundingBox();
  expect(toggle && toggle.y + toggle.height <= HEIGHT && toggle.x + toggle.width <= WIDTH,
    `${what}: the menu button is on the first screen, got ${JSON.stringify(toggle)}`);
  const past = await page.evaluate((width) => {
    const boxed = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') return true;
      }
      return false;
    };
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= width + 0.5 || boxed(el)) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      out.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} → ${Math.round(r.right)}`);
    }
    return out.slice(0, 5);
  }, WIDTH);
  expect(past.length === 0, `${what}: nothing past the right edge, got ${past.join(', ')}`);
}

// A bar that keeps to the screen's bottom edge (the week's buttons) is
// shown where it belongs in the page's full length; the first screen,
// with the bar under the thumb, is a screenshot of its own.
async function shot(page, role, name, { screen = false } = {}) {
  const path = join(SHOTS, `phone-${role.split('@')[0].replace(/\./g, '-')}-${name}.png`);
  const keep = (on) => page.evaluate((sticky) => document.querySelectorAll('.thumb-bar')
    .forEach((e) => { e.style.position = sticky ? '' : 'static'; }), on);
  if (screen) {
    await page.screenshot({ path });
  } else {
    await keep(false);
    await page.screenshot({ path, fullPage: true });
    await keep(true);
  }
  console.log(`# screenshot: ${path}`);
}

const fresh = aWorkerWithLastWeeksShifts();
let sheet = '';

for (const [email, key] of ROLES) {
  await test(`${email}: the dashboard fits a phone and reads right on its first screen`, async () => {
    const page = await newPhone();
    await logIn(page, email, PASSWORD, key || '');
    await looksRight(page, `${email}'s dashboard`);
    // The menu opens under its button and every link in it fits.
    await page.click('.menu-toggle');
    expect(await page.isVisible('#mainnav a'), 'the menu opens');
    await fits(page, `${email}'s open menu`);
    await page.click('.menu-toggle');
    await shot(page, email, 'dashboard');
    await page.context().close();
  });
}

await test('the_worker_sees_his_shifts_as_cards_and_open_shifts_to_take', async () => {
  const page = await newPhone();
  await logIn(page, 'worker@flex.example', PASSWORD);
  await page.click('.tile a[href="/planning/me"]');
  await looksRight(page, 'his planning');
  expect(await page.locator('main table').count() === 0, 'no table on his planning');
  expect(await page.locator('.shift-card').count() > 0, 'his shifts, a card each');
  for (const button of await page.locator('main button:visible, main input:visible, main select:visible').all()) {
    const box = await button.boundingBox();
    const type = await button.getAttribute('type');
    if (type === 'radio' || type === 'checkbox') continue;
    expect(box.height >= 44, `a target of 44 px, got ${box.height} for ${await button.evaluate((e) => e.outerHTML.slice(0, 80))}`);
  }
  // Every input keeps its label.
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('main input:not([type=hidden]), main select')]
    .filter((i) => !i.labels || i.labels.length === 0).map((i) => i.name));
  expect(unlabelled.length === 0, `every input labelled, got ${unlabelled}`);
  await shot(page, 'worker@flex.example', 'planning');
  await page.context().close();
});

const worker = await newPhone();

await test('the_worker_on_his_phone_sees_his_planning_and_opens_the_week_to_fill_in', async () => {
  await logIn(worker, fresh.email, PASSWORD);
  await worker.click('.tile a[href="/planning/me"]');
  await fits(worker, 'his planning');
  const text = (await worker.textContent('main')).replace(/\s+/g, ' ');
  expect(text.includes('07:00–15:30') && text.includes(POSITION), `his shifts in his planning, got ${text.slice(0, 300)}`);
  await worker.goto(`${BASE}/`);
  await worker.click('.tile a[href="/timesheets/me"]');
  await fits(worker, 'his weeks');
  await worker.click(`ul.to-open form:has(input[name=week][value="${fresh.week}"]) button`);
  await worker.waitForURL(/\/timesheets\/me\/\d+/);
  sheet = new URL(worker.url()).pathname.split('/').pop();
  await looksRight(worker, 'his week');
});

await test('the_worker_changes_a_line_and_submits_his_week_with_the_button_under_his_thumb', async () => {
  expect((await worker.inputValue('#f-start1')) === '07:00', 'the first line comes from his shift');
  // One column: the day above its times, a line's fields within the screen.
  const day = await worker.locator('#f-day1').boundingBox();
  const start = await worker.locator('#f-start1').boundingBox();
  const end = await worker.locator('#f-end1').boundingBox();
  expect(start.y > day.y + day.height - 1 && Math.abs(start.y - end.y) < 2 && end.x > start.x,
    'the day first, then from and to side by side');
  for (const id of ['#f-day1', '#f-start1', '#f-end1', '#f-break1', '#f-position1', '#f-remark1']) {
    const box = await worker.locator(id).boundingBox();
    expect(box.height >= 44 && box.x >= 0 && box.x + box.width <= WIDTH, `${id} is large and within the screen`);
    expect(await worker.locator(id).evaluate((i) => i.labels.length === 1), `${id} keeps its label`);
  }
  // The day reads as a day, not as a date of the database.
  const dayText = await worker.locator('#f-day1 option:checked').textContent();
  expect(/^woensdag \d{1,2} [a-z]+$/.test(dayText.trim()), `the day in words, got ${dayText}`);
  // The submit button is on the screen from the start, under the thumb.
  const submit = await worker.locator('button[name=submit]').boundingBox();
  expect(submit.y + submit.height <= HEIGHT && submit.y > HEIGHT / 2 && submit.height >= 44,
    `the submit button on the first screen's lower half, got ${JSON.stringify(submit)}`);
  await worker.fill('#f-end1', '16:00');
  await worker.fill('#f-remark1', 'Langer gebleven voor de late vracht');
  await shot(worker, 'worker@flex.example', 'hours-week');
  await worker.evaluate(() => window.scrollTo(0, 0));
  await shot(worker, 'worker@flex.example', 'hours-week-screen', { screen: true });
  await worker.tap('button[name=submit]');
  // Back to his weeks, this one submitted; in it his change.
  await worker.waitForURL((u) => u.searchParams.get('done') === 'submitted');
  await looksRight(worker, 'his weeks after submitting');
  expect(await worker.isVisible(`.sheets li:has(a[href="/timesheets/me/${sheet}"]) .state-submitted`), 'the week is submitted');
  await worker.click(`a[href="/timesheets/me/${sheet}"]`);
  expect((await worker.textContent('main')).includes('Langer gebleven'), 'his change is in the week');
  await looksRight(worker, 'his submitted week');
  expect(sql(`SELECT state FROM timesheets WHERE id = ${sheet}`) === 'submitted', 'submitted in the database');
});

await test('the_planners_week_scrolls_inside_its_box_with_the_names_in_place', async () => {
  const page = await newPhone();
  await logIn(page, 'planner@klant.example', PASSWORD);
  await page.click('.menu-toggle');
  await page.click('#mainnav a[href="/planning/"]');
  await page.waitForSelector('table.week');
  await looksRight(page, 'the planner\'s week');
  const box = page.locator('.table-wrap:has(table.week)');
  const [scrollWidth, clientWidth] = await box.evaluate((e) => [e.scrollWidth, e.clientWidth]);
  expect(scrollWidth > clientWidth, `the grid is wider than its box, got ${scrollWidth} in ${clientWidth}`);
  const name = page.locator('table.week tbody th[scope=row]').first();
  const corner = page.locator('table.week thead th').first();
  const day = page.locator('table.week thead th').nth(2);
  const before = [await name.boundingBox(), await corner.boundingBox(), await day.boundingBox()];
  await box.evaluate((e) => { e.scrollLeft = 300; });
  await page.waitForFunction(() => document.querySelector('.table-wrap table.week').parentElement.scrollLeft > 0);
  const after = [await name.boundingBox(), await corner.boundingBox(), await day.boundingBox()];
  expect(Math.abs(after[0].x - before[0].x) < 1 && Math.abs(after[1].x - before[1].x) < 1,
    `the first column stays in place, got ${before[0].x} → ${after[0].x}`);
  expect(after[2].x < before[2].x - 100, `the days move under it, got ${before[2].x} → ${after[2].x}`);
  // The day that slid under the names is hidden by them, not shown through.
  await name.scrollIntoViewIfNeeded();
  const covered = await page.evaluate(() => {
    const th = document.querySelector('table.week tbody th[scope=row]');
    const r = th.getBoundingClientRect();
    return document.elementFromPoint(r.left + r.width / 2, r.top + 5).closest('th') === th;
  });
  expect(covered, 'the names lie over the days that scroll under them');
  expect(await page.evaluate(() => window.scrollX) === 0, 'the page itself did not scroll sideways');
  await fits(page, 'the planner\'s week after scrolling its grid');
  await box.evaluate((e) => { e.scrollLeft = 0; });
  await shot(page, 'planner@klant.example', 'week');
  await page.context().close();
});

await test('the_supervisor_opens_his_list_of_hours_on_a_phone_and_approves_the_week', async () => {
  const page = await newPhone();
  await logIn(page, 'supervisor@klant.example', PASSWORD);
  await page.click('.menu-toggle');
  await page.click('#mainnav a[href="/timesheets/"]');
  await looksRight(page, 'his list of hours');
  await shot(page, 'supervisor@klant.example', 'hours');
  await page.click(`a[href="/timesheets/${sheet}"]`);
  await page.waitForURL(`**/timesheets/${sheet}`);
  await page.waitForLoadState('load');
  await looksRight(page, 'the week to approve');
  const text = (await page.textContent('main')).replace(/\s+/g, ' ');
  expect(text.includes(`Telefoon${RUN}`) && text.includes('Langer gebleven'), 'the worker\'s week with his remark');
  await page.tap('form[action$="/approve"] button');
  await page.waitForSelector('.alert-success');
  await fits(page, 'the approved week');
  expect(sql(`SELECT state FROM timesheets WHERE id = ${sheet}`) === 'approved', 'approved in the database');
  await page.context().close();
});

await test('no_script_errors_and_no_csp_violations', async () => {
  expect(errors.length === 0, `no errors, got ${errors.join(' | ')}`);
});

await b.close();
done();
