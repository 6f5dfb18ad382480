// documents.test.mjs: a supervisor opens a temp worker's contract from the
// documents list, in a real browser.
import { BASE, browser, done, expect, test } from './lib.mjs';

const b = await browser();
const ctx = await b.newContext({ ignoreHTTPSErrors: true, acceptDownloads: true });
const page = await ctx.newPage();

await test('the_supervisor_finds_the_contract_in_the_list', async () => {
  await page.goto(`${BASE}/login`);
  await page.fill('#f-email', 'supervisor@klant.example');
  await page.fill('#f-password', 'Flexportal-demo-2026');
  await page.click('button[type=submit].btn-primary');
  await page.waitForURL(`${BASE}/`);
  await page.click('a[href="/documents/"]');
  await page.waitForSelector('table.data');
  expect((await page.textContent('table.data')).includes('Contract week 47 — Jan Willems'), 'the contract is listed');
  expect(!(await page.textContent('table.data')).includes('Team A2'), 'no document of another team');
});

await test('the_contract_downloads_as_the_pdf_it_is', async () => {
  const row = page.locator('tr', { hasText: 'Contract week 47 — Jan Willems' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.locator('a', { hasText: 'Downloaden' }).click(),
  ]);
  expect(download.suggestedFilename() === 'contract-2026-47.pdf', `file name ${download.suggestedFilename()}`);
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  expect(Buffer.concat(chunks).subarray(0, 5).toString() === '%PDF-', 'a PDF');
});

await b.close();
done();
