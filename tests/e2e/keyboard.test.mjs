// keyboard.test.mjs: the planning grid and the vacancy board with the
// keyboard alone — every control of the grid and the board is reached by
// Tab in the order it is read, shows where focus is, and lets focus go on
// past it; a shift and a candidate open with Enter and lead back; a form
// sent with a mistake puts focus on the first field in error, marked
// invalid and tied to its message. Only a page's first address is typed;
// from there on it is page.keyboard.
import { BASE, browser, done, expect, logIn, test } from './lib.mjs';

const PASSWORD = 'Flexportal-demo-2026';
const CONTROLS = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]),'
  + ' select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
const GRID = 'table.week';
const BOARD = '.board';

const b = await browser();
const planner = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const manager = await (await b.newContext({ ignoreHTTPSErrors: true })).newPage();
const errors = [];
for (const p of [planner, manager]) {
  p.on('pageerror', (e) => errors.push(String(e)));
}

// Where focus is: the element, its place among the region's controls
// (visible ones, in the order of the page) and whether it shows it has
// focus — an outline, or a ring of box-shadow.
function focus(page, region) {
  return page.evaluate(([region, controls]) => {
    const e = document.activeElement;
    const r = region ? document.querySelector(region) : null;
    const all = r ? [...r.querySelectorAll(controls)].filter((x) => x.getClientRects().length) : [];
    const cs = e ? getComputedStyle(e) : null;
    const outline = !!cs && cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1
      && !/rgba\([^)]*,\s*0\)/.test(cs.outlineColor);
    const ring = !!cs && /\) 0px 0px 0px [1-9]/.test(cs.boxShadow);
    return {
      tag: e ? e.tagName.toLowerCase() : '',
      id: e ? e.id : '',
      href: e && e.getAttribute('href') || '',
      text: e ? (e.getAttribute('aria-label') || e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60) : '',
      inside: !!(r && e && r.contains(e)),
      index: all.indexOf(e),
      count: all.length,
      visible: outline || ring,
    };
  }, [region, CONTROLS]);
}

function describe(f) {
  return `<${f.tag}${f.id ? `#${f.id}` : ''}${f.href ? ` href=${f.href}` : ''}> "${f.text}"`;
}

async function noPositiveTabindex(page) {
  const positive = await page.$$eval('[tabindex]', (l) => l.filter((e) => e.tabIndex > 0).map((e) => e.outerHTML.slice(0, 80)));
  expect(positive.length === 0, `no positive tabindex, found ${positive.join(' | ')}`);
}

// Tab (or Shift+Tab) until test(focus) holds, at most `limit` presses.
async function tabUntil(page, region, ok, what, key = 'Tab', limit = 300) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    const f = await focus(page, region);
    if (ok(f)) return f;
  }
  throw new Error(`${key} ${limit} times without reaching ${what}`);
}

// From where focus is, Tab into the region, through each of its controls
// and out again: each control is reached once, in the order of the page,
// each shows its focus, and the next Tab after the last leaves the region.
async function walk(page, region) {
  let f = await tabUntil(page, region, (x) => x.inside, `a control in ${region}`);
  const count = f.count;
  expect(count > 0, `${region} has controls`);
  const order = [];
  for (let i = 0; f.inside; i++) {
    expect(i <= count, `focus leaves ${region} after its ${count} controls (a trap?)`);
    expect(f.visible, `focus is visible on ${describe(f)}`);
    order.push(f.index);
    await page.keyboard.press('Tab');
    f = await focus(page, region);
  }
  const expected = [...Array(count).keys()];
  expect(order.join() === expected.join(),
    `the ${count} controls of ${region} in the order of the page, got ${order.join()}`);
  return count;
}

async function enterAndWait(page, path) {
  // The next document's load: the page before it, at a URL of the same
  // shape, is never taken for it.
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  const at = new URL(page.url());
  expect(path.test(at.pathname + at.search), `${path} after Enter, got ${at.pathname}${at.search}`);
}

// After a form was sent with a mistake: focus is on the first field in
// error, which says it is invalid and is described by its message.
async function firstErrorHasFocus(page) {
  const r = await page.evaluate(() => {
    const e = document.activeElement;
    const first = document.querySelector('[aria-invalid="true"]');
    const ids = (e.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    const said = ids.map((id) => document.getElementById(id)).filter((m) => m && m.classList.contains('field-error'));
    return {
      same: !!first && e === first,
      tag: e.tagName.toLowerCase(),
      id: e.id,
      invalid: e.getAttribute('aria-invalid'),
      message: said.map((m) => m.textContent.trim()).join(' '),
    };
  });
  expect(r.same, `focus on the first field marked invalid, focus is on <${r.tag}#${r.id}>`);
  expect(r.invalid === 'true', `<${r.tag}#${r.id}> has aria-invalid="true"`);
  expect(r.message.length > 0, `<${r.tag}#${r.id}> is described by its error message`);
  return r;
}

await test('the_planning_grid_is_reached_control_by_control_and_let_go', async () => {
  await logIn(planner, 'planner@klant.example', PASSWORD);
  await planner.goto(`${BASE}/planning/`);
  await noPositiveTabindex(planner);
  const count = await walk(planner, GRID);
  expect(count > 7, `the days and the cells of the grid are controls (${count})`);
  // Back in again from behind: the last control of the grid.
  await planner.keyboard.press('Shift+Tab');
  const f = await focus(planner, GRID);
  expect(f.inside && f.index === count - 1, `Shift+Tab returns to the grid's last control, got ${describe(f)}`);
});

await test('a_shift_opens_with_enter_and_cancel_leads_back_to_the_week', async () => {
  const f = await tabUntil(planner, GRID, (x) => x.inside && /\/planning\/shifts\/\d+\/edit/.test(x.href),
    'a shift in the grid', 'Shift+Tab');
  expect(f.visible, `focus is visible on ${describe(f)}`);
  await enterAndWait(planner, /^\/planning\/shifts\/\d+\/edit/);
  expect((await planner.textContent('h1')).includes('Dienst'), 'the shift\'s form');
  const back = await tabUntil(planner, 'main', (x) => x.inside && x.href.startsWith('/planning/?'), 'the cancel link');
  expect(back.visible && back.text === 'Annuleren', `the cancel link, visibly focused: ${describe(back)}`);
  await enterAndWait(planner, /^\/planning\/\?/);
  expect(await planner.$(GRID), 'the week again');
});

await test('an_empty_cell_opens_a_new_shift_and_a_bad_submit_focuses_the_first_error', async () => {
  const f = await tabUntil(planner, GRID, (x) => x.inside && x.href.includes('/planning/shifts/new?'), 'an empty cell');
  expect(f.visible && f.text.startsWith('Dienst plannen voor'), `the cell's link says what it plans: ${describe(f)}`);
  await enterAndWait(planner, /^\/planning\/shifts\/new\?/);
  // Sent as it comes, without a position: refused.
  await tabUntil(planner, 'main', (x) => x.tag === 'button' && x.text === 'Opslaan', 'the save button');
  await enterAndWait(planner, /^\/planning\/shifts/);
  await planner.waitForSelector('.alert-error');
  const r = await firstErrorHasFocus(planner);
  expect(r.id === 'f-position', `the position is the first field in error, got ${r.id}`);
  const back = await tabUntil(planner, 'main', (x) => x.inside && x.href.startsWith('/planning/?'), 'the cancel link');
  expect(back.visible, `focus is visible on ${describe(back)}`);
  await enterAndWait(planner, /^\/planning\/\?/);
  expect(await planner.$(GRID), 'the week again');
});

let candidate = '';
await test('the_vacancy_board_is_reached_card_by_card_and_let_go', async () => {
  await logIn(manager, 'hiring.manager@klant.example', PASSWORD);
  await manager.goto(`${BASE}/vacancies/`);
  const v = await tabUntil(manager, 'main', (x) => x.inside && x.text === 'Inpakker dagdienst', 'the vacancy');
  expect(v.visible, `focus is visible on ${describe(v)}`);
  await enterAndWait(manager, /^\/vacancies\/\d+$/);
  await noPositiveTabindex(manager);
  const count = await walk(manager, BOARD);
  expect(count >= 4, `the board's cards are controls (${count})`);
  const f = await tabUntil(manager, BOARD, (x) => x.inside, 'a card', 'Shift+Tab');
  expect(f.index === count - 1, `Shift+Tab returns to the board's last card, got ${describe(f)}`);
  candidate = f.text;
});

await test('a_candidate_opens_with_enter_and_takes_a_comment_from_the_keyboard', async () => {
  await enterAndWait(manager, /^\/vacancies\/\d+\/candidates\/\d+$/);
  expect((await manager.textContent('h1')).includes(candidate), `the card's candidate, ${candidate}`);
  // Sent empty first: refused, focus on the comment.
  await tabUntil(manager, 'main', (x) => x.id === 'f-body', 'the comment field');
  await manager.keyboard.press('Tab');
  const send = await focus(manager, 'main');
  expect(send.tag === 'button' && send.text === 'Opmerking plaatsen' && send.visible, `the send button, got ${describe(send)}`);
  await enterAndWait(manager, /^\/vacancies\/\d+\/candidates\/\d+/);
  await manager.waitForSelector('.alert-error, .field-error');
  const r = await firstErrorHasFocus(manager);
  expect(r.id === 'f-body', `the comment is the field in error, got ${r.id}`);
  const words = `Graag een gesprek volgende week ${Date.now() % 100000}`;
  await manager.keyboard.type(words);
  await manager.keyboard.press('Tab');
  await enterAndWait(manager, /^\/vacancies\/\d+\/candidates\/\d+/);
  const thread = await manager.textContent('#comments .thread');
  expect(thread.includes(words), 'the comment is in the thread');
  expect(!(await manager.$('[aria-invalid="true"]')), 'no field in error');
});

await test('no_script_errors', async () => {
  expect(errors.length === 0, `no errors, got ${errors.join(' | ')}`);
});

await b.close();
done();
