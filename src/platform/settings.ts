import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { recordAudit, type Actor, type RequestContext } from './audit.js';
import { todayOf, type Clock } from './clock.js';
import type { Db, Queryable, Tx } from './db.js';
import { readEffectiveFrom } from './effective-from.js';
import { FieldErrors, notFound, platformProblems, validationFailed } from './errors.js';
import { isUuid } from './ids.js';
import * as repo from './settings-repository.js';

/**
 * The settings registry (ADR 0010). A feature declares each per-area setting once, in its own
 * settings.ts, with its type and its default; an area's choices are rows of area_setting, each a
 * change from the day it takes effect (today or later: "from 1 April"), and a setting with no
 * change in force reads as its default. Reading never writes, and always says on which day
 * (the clock's today, as callers pass it). The platform knows no feature's settings: a feature
 * passes its declaration to these functions.
 */
export interface Setting<S extends TSchema = TSchema> {
  /** `feature.name`, the key under which areas' values are stored. */
  readonly key: string;
  /** The src/ folder that owns the setting. */
  readonly feature: string;
  /** What it decides, for the people who will change it. */
  readonly description: string;
  readonly schema: S;
  readonly default: Static<S>;
}

const declared = new Map<string, Setting>();

/** Declares a setting. Its key is `feature.name`, unique across features, and its default must fit its schema. */
export function defineSetting<S extends TSchema>(setting: Setting<S>): Setting<S> {
  if (!new RegExp(`^${setting.feature}\\.[a-zA-Z]+$`).test(setting.key))
    throw new Error(`Setting key ${setting.key} must be "${setting.feature}." followed by a name of letters`);
  if (declared.has(setting.key)) throw new Error(`Setting ${setting.key} is declared twice`);
  if (!Value.Check(setting.schema, setting.default)) throw new Error(`The default of setting ${setting.key} does not fit its schema`);
  declared.set(setting.key, setting);
  return setting;
}

/** Every setting declared so far (the features' settings.ts modules that have been loaded). */
export const declaredSettings = (): Setting[] => [...declared.values()];

function checked<S extends TSchema>(setting: Setting<S>, areaCode: string, value: unknown): Static<S> {
  // Only changeSetting writes area_setting, and it checks first: a value that fails here was put there by hand.
  if (!Value.Check(setting.schema, value))
    throw new Error(`The stored value of setting ${setting.key} for area ${areaCode} does not fit its schema`);
  return value;
}

/**
 * Values read outside a transaction are kept for a second, per database handle (ADR 0046). A request reads several
 * settings on its way (the index's training rule, the shielded-records contact), each a statement
 * and a round trip of its own, and at a few hundred requests a second those reads were a third of the statements an
 * audited search made. A change made through this module is seen at once by this process (it forgets what it kept);
 * another server process sees it within SETTING_KEPT_MS. A read inside a transaction always reads the table.
 */
const SETTING_KEPT_MS = 1000;
const SETTINGS_KEPT_AT_MOST = 10_000;
interface Kept {
  value: unknown;
  until: number;
  generation: number;
}
const kept = new WeakMap<Queryable, Map<string, Kept>>();
/** Bumped by every change or cancellation: what was kept before it is not used again. */
let generation = 0;
const forgetKeptSettings = (): void => {
  generation += 1;
};

/**
 * An area's value of a setting in force on a day ('YYYY-MM-DD', the caller's clock's today unless
 * it asks about another): what it chose, or the default. Runs inside or outside a transaction.
 */
export async function readSetting<S extends TSchema>(db: Queryable, areaCode: string, setting: Setting<S>, day: string): Promise<Static<S>> {
  const read = async (): Promise<Static<S>> => {
    const row = await repo.findSettingInForce(db, areaCode, setting.key, day);
    return row === undefined ? setting.default : checked(setting, areaCode, row.value);
  };
  if ('inTransaction' in db) return read();
  let values = kept.get(db);
  if (!values) kept.set(db, (values = new Map()));
  const key = `${areaCode} ${setting.key} ${day}`;
  const now = performance.now();
  const hit = values.get(key);
  if (hit && hit.until > now && hit.generation === generation) return hit.value as Static<S>;
  const readIn = generation;
  const value = await read();
  if (values.size >= SETTINGS_KEPT_AT_MOST) values.clear();
  values.set(key, { value, until: now + SETTING_KEPT_MS, generation: readIn });
  return value;
}

/** Whether an area has ever chosen a value for a setting (rather than taking the default). */
export const areaHasChosen = (db: Queryable, areaCode: string, setting: Setting): Promise<boolean> =>
  repo.areaHasSettingRow(db, areaCode, setting.key);

/** Who changes a setting, and from where: the audit entry's actor and request. */
export interface SettingChanger {
  actor: Actor;
  ctx: RequestContext;
}

/** A setting and the value it is to take. */
export interface SettingValue<S extends TSchema = TSchema> {
  setting: Setting<S>;
  value: Static<S>;
}
export const settingValue = <S extends TSchema>(setting: Setting<S>, value: Static<S>): SettingValue => ({ setting, value });

/** A change of an area's setting as pages and the API show it. */
export type SettingChange = repo.SettingChangeRow;

/**
 * Changes an area's values of settings from a day (blank: today), each with its audit entry, in the
 * caller's transaction: all or none. A day already past is refused (`effectiveFrom`, `date_in_past`),
 * and so is a second change of a setting on a later day that already has one waiting (cancel it first).
 */
export async function changeSettings(
  tx: Tx,
  clock: Clock,
  by: SettingChanger,
  areaCode: string,
  changes: readonly SettingValue[],
  effectiveFromInput?: string,
): Promise<void> {
  const today = todayOf(clock);
  const errors = new FieldErrors();
  const effectiveFrom = readEffectiveFrom(errors, effectiveFromInput, today);
  for (const { setting, value } of changes) {
    if (!Value.Check(setting.schema, value)) {
      const first = Value.Errors(setting.schema, value).First();
      errors.add(setting.key, 'schema', `${setting.description}: ${first?.message ?? 'not a valid value'}`);
    }
  }
  errors.throwIfAny();
  if (effectiveFrom === undefined) throw new Error('unreachable: checked above');
  forgetKeptSettings();
  const at = clock.now();
  for (const { setting, value } of changes) {
    await repo.lockSetting(tx, areaCode, setting.key);
    if (effectiveFrom > today) {
      const waiting = await repo.listScheduledChanges(tx, areaCode, today, setting.key);
      if (waiting.some((w) => w.effectiveFrom === effectiveFrom))
        throw validationFailed([
          {
            field: 'effectiveFrom',
            rule: 'already_scheduled',
            message: `${setting.description}: a change from that date is already waiting. Cancel it first`,
          },
        ]);
    }
    const before = await repo.findSettingInForce(tx, areaCode, setting.key, effectiveFrom);
    const id = await repo.insertSettingChange(tx, { areaCode, key: setting.key, value, effectiveFrom, changedAt: at, changedBy: by.actor.userId });
    await recordAudit(tx, by.actor, by.ctx, {
      action: 'setting.changed',
      subject: { type: 'setting', id: setting.key },
      areaCode,
      occurredAt: at,
      details: { key: setting.key, from: before?.value ?? setting.default, to: value, effectiveFrom, changeId: id },
    });
  }
}

/** Changes one setting from a day (blank: today), with its audit entry, in the caller's transaction. */
export const changeSetting = <S extends TSchema>(
  tx: Tx,
  clock: Clock,
  by: SettingChanger,
  areaCode: string,
  setting: Setting<S>,
  value: Static<S>,
  effectiveFrom?: string,
): Promise<void> => changeSettings(tx, clock, by, areaCode, [settingValue(setting, value)], effectiveFrom);

/**
 * Cancels a change not yet in effect; audited. A change in effect, or already cancelled, is refused:
 * change the value instead. `of`, when given, are the only settings the caller may cancel changes of.
 */
async function cancelChange(tx: Tx, clock: Clock, by: SettingChanger, areaCode: string, changeId: string, of?: readonly Setting[]): Promise<SettingChange> {
  const change = isUuid(changeId) ? await repo.findSettingChangeForUpdate(tx, areaCode, changeId) : undefined;
  if (!change || (of && !of.some((s) => s.key === change.key))) throw notFound('setting change');
  const today = todayOf(clock);
  if (change.cancelledAt !== null || change.effectiveFrom <= today)
    throw platformProblems.settingChangeNotPending(
      change.cancelledAt !== null
        ? 'This change was already cancelled.'
        : 'This change has already taken effect: to undo it, change the setting again.',
      { details: { key: change.key, effectiveFrom: change.effectiveFrom } },
    );
  const at = clock.now();
  forgetKeptSettings();
  await repo.markSettingChangeCancelled(tx, change.id, at, by.actor.userId);
  await recordAudit(tx, by.actor, by.ctx, {
    action: 'setting.change_cancelled',
    subject: { type: 'setting', id: change.key },
    areaCode,
    occurredAt: at,
    details: { key: change.key, value: change.value, effectiveFrom: change.effectiveFrom, changeId: change.id },
  });
  return { ...change, cancelledAt: at };
}

/**
 * The one service through which areas' settings are read and changed. What this process kept is forgotten when a
 * change starts and again once its transaction ends, so no read in between keeps the value it replaces.
 */
export function settingsService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    /** The value in force on a day: today by the clock unless `asAt` ('YYYY-MM-DD') says otherwise. */
    read: <S extends TSchema>(areaCode: string, setting: Setting<S>, asAt?: string): Promise<Static<S>> =>
      readSetting(db, areaCode, setting, asAt ?? todayOf(clock)),
    /** An audited change from a day (blank: today), in one transaction with its audit entry. */
    change: <S extends TSchema>(by: SettingChanger, areaCode: string, setting: Setting<S>, value: Static<S>, effectiveFrom?: string): Promise<void> =>
      db.transaction((tx) => changeSetting(tx, clock, by, areaCode, setting, value, effectiveFrom)).finally(forgetKeptSettings),
    /** Several settings changed from one day in one transaction: every value saved, or none. */
    changeMany: (by: SettingChanger, areaCode: string, changes: readonly SettingValue[], effectiveFrom?: string): Promise<void> =>
      db.transaction((tx) => changeSettings(tx, clock, by, areaCode, changes, effectiveFrom)).finally(forgetKeptSettings),
    /** Cancels a change not yet in effect (audited). */
    cancel: (by: SettingChanger, areaCode: string, changeId: string, of?: readonly Setting[]): Promise<SettingChange> =>
      db.transaction((tx) => cancelChange(tx, clock, by, areaCode, changeId, of)).finally(forgetKeptSettings),
    declared: declaredSettings,
    /** The clock's day, which reads default to. */
    today: (): string => todayOf(clock),
    /** The change in force today (its effective day, who made it); undefined while the area uses the default. */
    inForce: (areaCode: string, setting: Setting): Promise<SettingChange | undefined> =>
      repo.findSettingInForce(db, areaCode, setting.key, todayOf(clock)),
    /** Changes made and waiting for their day, soonest first; of one setting, or all the area's. */
    scheduled: (areaCode: string, setting?: Setting): Promise<SettingChange[]> =>
      repo.listScheduledChanges(db, areaCode, todayOf(clock), setting?.key),
    /** Every change of a setting, cancelled ones too, newest effective day first. */
    history: (areaCode: string, setting: Setting): Promise<SettingChange[]> => repo.listSettingChanges(db, areaCode, setting.key),
  };
}

export type SettingsService = ReturnType<typeof settingsService>;
