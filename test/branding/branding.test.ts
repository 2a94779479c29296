import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logoTypeOf, MAX_LOGO_BYTES } from '../../src/branding/image.js';
import { paths } from '../../src/platform/paths.js';
import { Agent, createTestApp, type TestApp } from '../helpers/app.js';
import { buildArea } from '../helpers/factories.js';
import { signedIn, type SignedIn } from '../helpers/builders.js';
import { multipart } from '../helpers/multipart.js';

/**
 * Issue 14 item 10: the pages carried the GOV.UK crown and the Royal Arms, which only services on
 * GOV.UK may use. They show the area's own name (and its logo if it uploads one) instead; the logo
 * is a PNG or JPEG told by its bytes, small, stored in the database, served with a long cache.
 */

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1), Buffer.from([0xff, 0xd9])]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');

/** The header page's form as a browser posts it (multipart/form-data), with the chosen file if any. */
function postHeader(agent: Agent, fields: { headerName?: string; file?: { name: string; type: string; bytes: Buffer } }) {
  const form = multipart([
    { name: '_csrf', value: agent.csrf },
    { name: 'headerName', value: fields.headerName ?? '' },
    { name: 'logo', file: fields.file ?? { name: '', bytes: Buffer.alloc(0) } },
  ]);
  return agent.request({ method: 'POST', url: paths.localSettingsHeader, ...form });
}

let t: TestApp;
let area: string;
let admin: SignedIn;
let board: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db, { name: 'Brackenshire' });
  await buildArea(t.testDb.db); // a second area: signed-out pages then show no one area's name
  admin = await signedIn(t, 'area_admin', { areaCode: area });
  board = await signedIn(t, 'board_member', { areaCode: area });
});
afterAll(async () => t.close());

const auditActions = async () =>
  (
    await t.testDb.db.query<{ action: string }>(`SELECT action FROM audit_event WHERE action LIKE 'branding.%' AND area_code = $1 ORDER BY seq`, [area])
  ).map((r) => r.action);

describe('the page header and footer', () => {
  it('show the area’s name, and neither the crown, the Royal Arms nor Crown copyright', async () => {
    const html = (await board.get(paths.home)).body;
    expect(html).toContain('<span class="app-header__area-name">Brackenshire Children’s Trust</span>');
    expect(html).not.toContain('govuk-header__logotype');
    expect(html).not.toContain('govuk-footer__crown');
    expect(html).not.toContain('govuk-footer__copyright-logo');
    expect(html).not.toMatch(/Crown copyright/i);
    expect(html).not.toContain('/assets/rebrand/images/favicon');
    expect(html).toContain('Brackenshire Children’s Trust, using the');
  });

  it('signed out, with several areas, show the product’s name', async () => {
    const html = (await new Agent(t.app).get(paths.signIn)).body;
    expect(html).toContain('<span class="app-header__area-name">Children&#39;s Trust Platform</span>');
    expect(html).not.toContain('govuk-header__logotype');
  });
});

describe('the area administrator’s header page', () => {
  it('tells a PNG and a JPEG by their bytes, and refuses SVG (even named .png), other files and big ones', () => {
    expect(logoTypeOf(PNG)).toBe('image/png');
    expect(logoTypeOf(JPEG)).toBe('image/jpeg');
    expect(logoTypeOf(SVG)).toBeUndefined();
    expect(logoTypeOf(Buffer.from('GIF89a...'))).toBeUndefined();
    expect(logoTypeOf(Buffer.alloc(0))).toBeUndefined();
  });

  it('refuses an SVG named logo.png, and a file over the size limit, each on the form with its reason', async () => {
    await admin.get(paths.localSettingsHeader);
    const svg = await postHeader(admin, { file: { name: 'logo.png', type: 'image/png', bytes: SVG } });
    expect(svg.statusCode).toBe(400);
    expect(svg.body).toContain('The logo must be a PNG or JPEG image');
    const big = await postHeader(admin, { file: { name: 'big.png', type: 'image/png', bytes: Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES)]) } });
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('The logo must be smaller than 200 KB');
    expect(await auditActions()).toEqual([]);
  });

  it('saves a name and a logo, audited; every page shows them; the logo is served with its type and a long cache', async () => {
    await admin.get(paths.localSettingsHeader);
    const saved = await postHeader(admin, { headerName: 'Brackenshire Together', file: { name: 'crest.png', type: 'image/png', bytes: PNG } });
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303);
    expect(saved.headers.location).toBe(`${paths.localSettingsHeader}?done=saved`);
    expect((await admin.get(String(saved.headers.location))).body).toContain('have been saved');
    expect(await auditActions()).toEqual(['branding.header_name_changed', 'branding.logo_uploaded']);

    const html = (await board.get(paths.home)).body;
    expect(html).toContain('<span class="app-header__area-name">Brackenshire Together</span>');
    const logoUrl = /<img src="([^"]+)" alt="" class="app-header__logo-image">/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(logoUrl).toMatch(/^\/branding\/[A-Z0-9]+\/logo\?v=[0-9a-f]{16}$/);

    const logo = await new Agent(t.app).get(logoUrl ?? '');
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(logo.headers['x-content-type-options']).toBe('nosniff');
    expect(logo.rawPayload.equals(PNG)).toBe(true);
  });

  it('replaces the logo with a JPEG at a new address, then removes it, audited', async () => {
    const before = (await board.get(paths.home)).body;
    await admin.get(paths.localSettingsHeader);
    expect((await postHeader(admin, { headerName: 'Brackenshire Together', file: { name: 'crest.jpg', type: 'image/jpeg', bytes: JPEG } })).statusCode).toBe(303);
    const after = (await board.get(paths.home)).body;
    const src = (html: string) => /class="app-header__logo-image"/.test(html) && /<img src="([^"]+)"/.exec(html)?.[1];
    expect(src(after)).not.toBe(src(before));

    await admin.get(paths.localSettingsHeader);
    const removed = await admin.post(paths.localSettingsHeaderLogoRemove);
    expect(removed.statusCode).toBe(303);
    const html = (await board.get(paths.home)).body;
    expect(html).not.toContain('app-header__logo-image');
    expect((await new Agent(t.app).get(paths.areaLogo(area, 'x'))).statusCode).toBe(404);
    expect((await auditActions()).slice(-2)).toEqual(['branding.logo_uploaded', 'branding.logo_removed']);
  });

  it('puts the default name back when the name is emptied', async () => {
    await admin.get(paths.localSettingsHeader);
    expect((await postHeader(admin, { headerName: '   ' })).statusCode).toBe(303);
    expect((await board.get(paths.home)).body).toContain('<span class="app-header__area-name">Brackenshire Children’s Trust</span>');
  });
});
