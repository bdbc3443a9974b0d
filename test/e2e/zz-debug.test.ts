import { inject, it } from 'vitest';
import { desktop, launchBrowser, screenshot } from './support/browser.ts';
import { createPerson, signInByApi } from './support/people.ts';
const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');
const api = async (method: string, path: string, body?: unknown) => {
  const r = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return r.json() as Promise<any>;
};
it('debug', async () => {
  const browser = await launchBrowser();
  const person = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Dee Bug', language: 'es' });
  const context = await browser.newContext({ viewport: desktop, locale: 'es-ES' });
  await signInByApi(context, baseUrl, person);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message, e.stack?.slice(0, 800)));
  const team = await api('POST', '/api/inbox/teams', { name: 'Ventas' });
  console.log('TEAM', JSON.stringify(team).slice(0, 200));
  const imported = await api('POST', '/api/templates/sales-round-robin/import', { language: 'es', parameters: { team: team.id ?? team.team?.id } });
  console.log('IMPORTED', JSON.stringify(imported).slice(0, 300));
  const id = imported.workflow?.id ?? imported.id;
  await page.goto(`${baseUrl}/flows/${id}`);
  await page.getByTestId('step-card').nth(1).waitFor();
  await page.getByTestId('step-card').nth(1).click();
  await page.waitForTimeout(1500);
  await screenshot(page, 'zz-debug', { viewport: true });
  await browser.close();
});
