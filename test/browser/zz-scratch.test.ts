import { AxeBuilder } from '@axe-core/playwright';
import { it } from 'vitest';
import { AXE_TAGS, launchBrowser, openPage, startTestServer, signInAs } from './browser.js';

it('incomplete', async () => {
  const server = await startTestServer();
  const browser = await launchBrowser();
  const page = await openPage(browser, server);
  const report = async () => {
    const r = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    console.log(page.url(), 'violations', r.violations.length, 'incomplete:', r.incomplete.map(p => p.id + '@' + p.nodes.map(n => n.target.join(' ') + ' ' + (n.any[0]?.message ?? '')).join(' | ')).join(' ;; '));
  };
  for (const u of ['/sign-in', '/api/docs', '/nope']) { await page.goto(u); await report(); }
  await signInAs(page, server, 'auditor@kestrelshire.example');
  for (const u of ['/', '/account', '/account/password', '/areas/E10000099', '/audit']) { await page.goto(u); await report(); }
  await browser.close();
  await server.close();
});
