import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { recordAudit, type Actor, type RequestContext } from './audit.js';
import type { Clock } from './clock.js';
import type { Db, Queryable, Tx } from './db.js';
import { validationFailed } from './errors.js';
import { findAreaSetting, findAreaSettingChange, upsertAreaSetting } from './settings-repository.js';

/**
 * The settings registry (ADR 0010). A feature declares each per-area setting once, in its own
 * settings.ts, with its type and its default; an area's choice is a row of area_setting, and a
 * setting the area never chose reads as its default. Reading never writes. The platform knows no
 * feature's settings: a feature passes its declaration to these functions.
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

/** An area's value of a setting: what it chose, or the default. Runs inside or outside a transaction. */
export async function readSetting<S extends TSchema>(db: Queryable, areaCode: string, setting: Setting<S>): Promise<Static<S>> {
  const row = await findAreaSetting(db, areaCode, setting.key);
  if (row === undefined) return setting.default;
  const value: unknown = row.value;
  // Only changeSetting writes area_setting, and it checks first: a value that fails here was put there by hand.
  if (!Value.Check(setting.schema, value))
    throw new Error(`The stored value of setting ${setting.key} for area ${areaCode} does not fit its schema`);
  return value;
}

/** Whether an area has chosen a value for a setting (rather than taking the default). */
export async function areaHasChosen(db: Queryable, areaCode: string, setting: Setting): Promise<boolean> {
  return (await findAreaSetting(db, areaCode, setting.key)) !== undefined;
}

/** Who changes a setting, and from where: the audit entry's actor and request. */
export interface SettingChanger {
  actor: Actor;
  ctx: RequestContext;
}

/** Changes an area's value of a setting and records who did it, in the caller's transaction. */
export async function changeSetting<S extends TSchema>(
  tx: Tx,
  clock: Clock,
  by: SettingChanger,
  areaCode: string,
  setting: Setting<S>,
  value: Static<S>,
): Promise<void> {
  if (!Value.Check(setting.schema, value)) {
    const first = Value.Errors(setting.schema, value).First();
    throw validationFailed([
      { field: setting.key, rule: 'schema', message: `${setting.description}: ${first?.message ?? 'not a valid value'}` },
    ]);
  }
  const at = clock.now();
  const { previous } = await upsertAreaSetting(tx, { areaCode, key: setting.key, value, changedAt: at, changedBy: by.actor.userId });
  await recordAudit(tx, by.actor, by.ctx, {
    action: 'setting.changed',
    subject: { type: 'setting', id: setting.key },
    areaCode,
    occurredAt: at,
    details: { key: setting.key, from: previous ?? setting.default, to: value },
  });
}

/** The one service through which areas' settings are read and changed. */
export function settingsService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    read: <S extends TSchema>(areaCode: string, setting: Setting<S>): Promise<Static<S>> => readSetting(db, areaCode, setting),
    /** An audited change, in one transaction with its audit entry. */
    change: <S extends TSchema>(by: SettingChanger, areaCode: string, setting: Setting<S>, value: Static<S>): Promise<void> =>
      db.transaction((tx) => changeSetting(tx, clock, by, areaCode, setting, value)),
    declared: declaredSettings,
    /** When the area's value took effect (changes take effect when made), and who made it; undefined for a default. */
    lastChanged: (areaCode: string, setting: Setting) => findAreaSettingChange(db, areaCode, setting.key),
  };
}

export type SettingsService = ReturnType<typeof settingsService>;
