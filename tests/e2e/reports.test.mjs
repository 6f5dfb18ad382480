// reports.test.mjs: the client report in a real browser — the finance user
// opens it from the navigation, sees the chart beside the table of the
// same figures, prints it without the controls, and downloads the
// workbook.
import { readFileSync } from 'node:fs';
import { BASE, browser, done, expect, logIn, test } from './lib.mjs';

const DEMO_PASSWORD = 'Flexportal-demo-2026';

const b = await browser();
const page = await (await b.newContext({ ignoreHTTPSErrors: true, acceptDownloads: true })).newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => {
  if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
});

await test('the_finance_user_opens_the_client_report_and_sees_the_chart', async () => {
  await logIn(page, 'finance@klant.example', DEMO_PASSWORD);
  await page.click('nav.mainnav a[href="/reports/"]');
  await page.waitForSelector('svg.chart-svg');
  // The demo's two years: a bar a month for this period and the one before.
  const bars = await page.$$eval('svg.chart-svg rect.bar-now', (r) => r.map((x) => Number(x.getAttribute('height'))));
  expect(bars.length === 12, `twelve months of bars, got ${bars.length}`);
  expect(bars.some((h) => h > 0), 'bars of the demo\'s invoiced amounts');
  const label = await page.getAttribute('svg.chart-svg', 'aria-labelledby');
  expect(label && label.includes('chart-h'), 'the chart is named for screen readers');
  const rows = await page.$$eval('table.report tbody tr', (r) => r.length);
  expect(rows === 12, `the same figures as a table, got ${rows} rows`);
  const total = await page.$$eval('table.report tfoot th, table.report tfoot td', (c) => c.map((x) => x.textContent));
  expect(total[0] === 'Totaal' && /^[\d.]+,\d\d$/.test(total[1]), `a total in euro, got ${total.join(' | ')}`);
});

await test('printed_it_shows_the_figures_without_the_controls', async () => {
  await page.emulateMedia({ media: 'print' });
  expect(!(await page.isVisible('form.toolbar')), 'the filters are not printed');
  expect(!(await page.isVisible('.downloads')), 'the download buttons are not printed');
  expect(await page.isVisible('table.report'), 'the table is printed');
  await page.emulateMedia({ media: 'screen' });
});

await test('the_workbook_downloads', async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('.downloads a[href*="client.xlsx"]'),
  ]);
  expect(/^Client-\d{4}-\d\d-\d{4}-\d\d\.xlsx$/.test(download.suggestedFilename()),
    `a workbook's name, got ${download.suggestedFilename()}`);
  const bytes = readFileSync(await download.path());
  expect(bytes.length > 2000 && bytes.subarray(0, 2).toString() === 'PK', 'a zip container (XLSX)');
});

await test('no_script_errors_and_no_csp_violations', async () => {
  expect(errors.length === 0, `no errors, got ${errors.join(' | ')}`);
});

await b.close();
done();
