import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACKNOWLEDGE_WITHIN_DAYS, LEAD_PROFESSIONAL_CRITERIA } from '../../src/assessment/index.js';
import { SHIELDED_CONTACT } from '../../src/children/index.js';
import type { Actor, RequestContext } from '../../src/platform/audit.js';
import { settableClock } from '../../src/platform/clock.js';
import { AppError } from '../../src/platform/errors.js';
import { declaredSettings, defineSetting, readSetting, settingsService } from '../../src/platform/settings.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { buildArea, buildUser } from '../helpers/factories.js';
import { testConfig } from '../helpers/app.js';

let t: TestDb;
let area: string;
let otherArea: string;
let actor: Actor;
const ctx: RequestContext = { ip: '127.0.0.1', userAgent: 'settings test', requestId: 'settings-test' };
const clock = settableClock('2026-01-15T09:30:00.000Z');

beforeAll(async () => {
  t = await createTestDb();
  area = await buildArea(t.db);
  otherArea = await buildArea(t.db);
  const user = await buildUser(t.db, testConfig(), { role: 'area_admin', areaCode: area });
  actor = { userId: user.id, label: user.email, role: user.role, areaCode: area };
});
afterAll(async () => t?.close());

const rowsOf = (areaCode: string) =>
  t.db.query<{ key: string; value: unknown; changed_at: Date; changed_by: string | null }>(
    'SELECT key, value, changed_at, changed_by FROM area_setting WHERE area_code = $1 ORDER BY key, changed_at',
    [areaCode],
  );
const auditOf = (areaCode: string) =>
  t.db.query<{ action: string; subject_id: string; occurred_at: Date; details: unknown }>(
    `SELECT action, subject_id, occurred_at, details FROM audit_event WHERE area_code = $1 AND action = 'setting.changed' ORDER BY seq`,
    [areaCode],
  );

describe('the settings registry', () => {
  it('reads a setting the area never chose as its declared default, and writes nothing to do so', async () => {
    const settings = settingsService({ db: t.db, clock });
    expect(await settings.read(area, ACKNOWLEDGE_WITHIN_DAYS)).toBe(3);
    expect(await settings.read(area, LEAD_PROFESSIONAL_CRITERIA)).toHaveLength(4);
    expect(await settings.read(area, SHIELDED_CONTACT)).toBe('');
    expect(await rowsOf(area)).toEqual([]);
  });

  it('changes a value with an audit entry, both at the clock’s time, and only for that area', async () => {
    const settings = settingsService({ db: t.db, clock });
    await settings.change({ actor, ctx }, area, ACKNOWLEDGE_WITHIN_DAYS, 5);
    expect(await settings.read(area, ACKNOWLEDGE_WITHIN_DAYS)).toBe(5);
    expect(await settings.read(otherArea, ACKNOWLEDGE_WITHIN_DAYS)).toBe(3);
    const at = new Date('2026-01-15T09:30:00.000Z');
    expect(await rowsOf(area)).toEqual([{ key: 'assessment.acknowledgeWithinDays', value: 5, changed_at: at, changed_by: actor.userId }]);
    clock.advance(60_000);
    await settings.change({ actor, ctx }, area, ACKNOWLEDGE_WITHIN_DAYS, 7);
    expect(await auditOf(area)).toEqual([
      {
        action: 'setting.changed',
        subject_id: 'assessment.acknowledgeWithinDays',
        occurred_at: at,
        details: { key: 'assessment.acknowledgeWithinDays', from: 3, to: 5, effectiveFrom: '2026-01-15', changeId: expect.any(String) },
      },
      {
        action: 'setting.changed',
        subject_id: 'assessment.acknowledgeWithinDays',
        occurred_at: new Date(at.getTime() + 60_000),
        details: { key: 'assessment.acknowledgeWithinDays', from: 5, to: 7, effectiveFrom: '2026-01-15', changeId: expect.any(String) },
      },
    ]);
  });

  it('refuses a value outside the declared schema, and writes neither the value nor an audit entry', async () => {
    const settings = settingsService({ db: t.db, clock });
    const before = { rows: await rowsOf(area), audit: await auditOf(area) };
    for (const wrong of [0, 31, 2.5]) {
      const error = await settings.change({ actor, ctx }, area, ACKNOWLEDGE_WITHIN_DAYS, wrong).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        code: 'validation_failed',
        fieldErrors: [{ field: 'assessment.acknowledgeWithinDays', rule: 'schema' }],
      });
    }
    const empty = await settings.change({ actor, ctx }, area, LEAD_PROFESSIONAL_CRITERIA, []).catch((e: unknown) => e);
    expect(empty).toMatchObject({ code: 'validation_failed' });
    expect({ rows: await rowsOf(area), audit: await auditOf(area) }).toEqual(before);
  });

  it('fails loudly on a stored value that does not fit, rather than acting on it', async () => {
    await t.asOwner((owner) =>
      owner.query(`INSERT INTO area_setting (area_code, key, value) VALUES ($1, 'children.shieldedContact', '42')`, [otherArea]),
    );
    await expect(settingsService({ db: t.db, clock }).read(otherArea, SHIELDED_CONTACT)).rejects.toThrow(/does not fit its schema/);
  });

  it('reads afresh inside a transaction, and a change made through it is read at once outside one (ADR 0046)', async () => {
    const third = await buildArea(t.db);
    const settings = settingsService({ db: t.db, clock });
    expect(await settings.read(third, SHIELDED_CONTACT)).toBe('');
    await t.asOwner((owner) =>
      owner.query(`INSERT INTO area_setting (area_code, key, value) VALUES ($1, 'children.shieldedContact', '"Written behind its back"')`, [third]),
    );
    expect(await t.db.transaction((tx) => readSetting(tx, third, SHIELDED_CONTACT, '2026-01-15'))).toBe('Written behind its back');
    await settings.change({ actor, ctx }, third, SHIELDED_CONTACT, 'Sam Lee, 01632 960 111');
    expect(await settings.read(third, SHIELDED_CONTACT)).toBe('Sam Lee, 01632 960 111');
  });

  it('holds each feature’s declarations once, and refuses a bad declaration', () => {
    expect(declaredSettings().map((s) => s.key)).toEqual(
      expect.arrayContaining(['assessment.leadProfessionalCriteria', 'assessment.acknowledgeWithinDays', 'children.shieldedContact']),
    );
    expect(() => defineSetting({ key: 'children.x', feature: 'assessment', description: 'x', schema: Type.String(), default: '' })).toThrow(
      /must be "assessment\."/,
    );
    expect(() =>
      defineSetting({ key: 'children.shieldedContact', feature: 'children', description: 'again', schema: Type.String(), default: '' }),
    ).toThrow(/declared twice/);
    expect(() =>
      defineSetting({ key: 'children.limit', feature: 'children', description: 'x', schema: Type.Integer({ minimum: 1 }), default: 0 }),
    ).toThrow(/does not fit/);
  });
});

describe('a change from a later day (issue 13 item 4)', () => {
  const by = () => ({ actor, ctx });
  let scheduledArea: string;
  beforeAll(async () => {
    scheduledArea = await buildArea(t.db);
  });

  it('is in force from its day and not before; reads default to the clock’s today; history is kept', async () => {
    const clock = settableClock('2027-03-20T12:00:00.000Z');
    const settings = settingsService({ db: t.db, clock });
    await settings.change(by(), scheduledArea, ACKNOWLEDGE_WITHIN_DAYS, 4);
    await settings.change(by(), scheduledArea, ACKNOWLEDGE_WITHIN_DAYS, 10, '2027-04-01');
    expect(await settings.read(scheduledArea, ACKNOWLEDGE_WITHIN_DAYS)).toBe(4);
    expect(await settings.read(scheduledArea, ACKNOWLEDGE_WITHIN_DAYS, '2027-03-31')).toBe(4);
    expect(await settings.read(scheduledArea, ACKNOWLEDGE_WITHIN_DAYS, '2027-04-01')).toBe(10);
    expect(await settings.read(scheduledArea, ACKNOWLEDGE_WITHIN_DAYS, '2027-03-01')).toBe(3);
    expect((await settings.scheduled(scheduledArea)).map((c) => [c.key, c.value, c.effectiveFrom])).toEqual([
      ['assessment.acknowledgeWithinDays', 10, '2027-04-01'],
    ]);
    const audit = await auditOf(scheduledArea);
    expect(audit.at(-1)?.details).toMatchObject({ from: 4, to: 10, effectiveFrom: '2027-04-01' });

    clock.set('2027-04-01T08:00:00.000Z');
    expect(await settings.read(scheduledArea, ACKNOWLEDGE_WITHIN_DAYS)).toBe(10);
    expect(await settings.scheduled(scheduledArea)).toEqual([]);
    expect((await settings.inForce(scheduledArea, ACKNOWLEDGE_WITHIN_DAYS))?.effectiveFrom).toBe('2027-04-01');
    expect((await settings.history(scheduledArea, ACKNOWLEDGE_WITHIN_DAYS)).map((c) => c.value)).toEqual([10, 4]);
  });

  it('refuses a day already past, naming effectiveFrom and the rule, but takes today', async () => {
    const clock = settableClock('2027-05-10T23:30:00.000Z');
    const settings = settingsService({ db: t.db, clock });
    const before = await auditOf(scheduledArea);
    const past = await settings.change(by(), scheduledArea, ACKNOWLEDGE_WITHIN_DAYS, 6, '2027-05-09').catch((e: unknown) => e);
    expect(past).toMatchObject({ code: 'validation_failed', fieldErrors: [{ field: 'effectiveFrom', rule: 'date_in_past' }] });
    const notADate = await settings.change(by(), scheduledArea, ACKNOWLEDGE_WITHIN_DAYS, 6, '2027-02-30').catch((e: unknown) => e);
    expect(notADate).toMatchObject({ fieldErrors: [{ field: 'effectiveFrom', rule: 'date_format' }] });
    expect(await auditOf(scheduledArea)).toEqual(before);
    await settings.change(by(), scheduledArea, ACKNOWLEDGE_WITHIN_DAYS, 6, '2027-05-10');
    expect(await settings.read(scheduledArea, ACKNOWLEDGE_WITHIN_DAYS)).toBe(6);
  });

  it('is cancelled before its day (audited) and is then never in force; one in force or cancelled cannot be', async () => {
    const clock = settableClock('2027-06-01T09:00:00.000Z');
    const settings = settingsService({ db: t.db, clock });
    await settings.change(by(), scheduledArea, ACKNOWLEDGE_WITHIN_DAYS, 12, '2027-07-01');
    const again = await settings.change(by(), scheduledArea, ACKNOWLEDGE_WITHIN_DAYS, 13, '2027-07-01').catch((e: unknown) => e);
    expect(again).toMatchObject({ fieldErrors: [{ field: 'effectiveFrom', rule: 'already_scheduled' }] });
    const [waiting] = await settings.scheduled(scheduledArea, ACKNOWLEDGE_WITHIN_DAYS);
    if (!waiting) throw new Error('no change waiting');
    await settings.cancel(by(), scheduledArea, waiting.id);
    expect(await settings.read(scheduledArea, ACKNOWLEDGE_WITHIN_DAYS, '2027-07-02')).toBe(6);
    expect(await settings.scheduled(scheduledArea)).toEqual([]);
    const cancelled = await t.db.query<{ details: unknown }>(
      `SELECT details FROM audit_event WHERE area_code = $1 AND action = 'setting.change_cancelled'`,
      [scheduledArea],
    );
    expect(cancelled.map((c) => c.details)).toEqual([
      { key: 'assessment.acknowledgeWithinDays', value: 12, effectiveFrom: '2027-07-01', changeId: waiting.id },
    ]);
    expect(await settings.cancel(by(), scheduledArea, waiting.id).catch((e: unknown) => e)).toMatchObject({ code: 'setting_change_not_pending' });
    const [inForce] = await settings.history(scheduledArea, ACKNOWLEDGE_WITHIN_DAYS).then((h) => h.filter((c) => c.cancelledAt === null));
    expect(await settings.cancel(by(), scheduledArea, inForce?.id ?? '').catch((e: unknown) => e)).toMatchObject({ code: 'setting_change_not_pending' });
    expect(await settings.cancel(by(), otherArea, waiting.id).catch((e: unknown) => e)).toMatchObject({ code: 'not_found' });
  });
});
