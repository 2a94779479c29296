import { auditWithClock, type Actor, type RequestContext } from '../../platform/audit.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db.js';
import { refusePastEffectiveFrom } from '../../platform/effective-from.js';
import { FieldErrors } from '../../platform/errors.js';
import { readDate } from '../content.js';
import { NATIONAL_NEED_LEVELS, type NationalNeedLevel } from '../form.js';
import * as repo from './repository.js';
import {
  LEVEL_DESCRIPTION_MAX,
  LEVEL_NAME_MAX,
  LEVELS_MAX,
  LEVELS_MIN,
  NATIONAL_SCHEME,
  type NeedLevelDefinition,
  type NeedLevelScheme,
  type SchemeInput,
} from './types.js';

/**
 * Each area's levels of need (004 paras 231-233): three to five named, ordered levels, each
 * counted as one of the four of 004 Table 4.1 in reports across areas. A change is a new version
 * from a date; records keep the level they were given. An area that set none uses the four.
 */

/** The scheme forms use on a day: the version in force then, or the national levels. */
export async function schemeInForce(q: Queryable, areaCode: string, day: string): Promise<NeedLevelScheme> {
  return (await repo.findSchemeInForce(q, areaCode, day)) ?? NATIONAL_SCHEME;
}

/** A level as recorded: its name as the scheme spells it, its national level and the version it came from. */
export interface GivenNeedLevel {
  level: string;
  nationalLevel: NationalNeedLevel;
  schemeId: string | null;
}

/** The scheme's level of this name (case aside), or undefined. */
export function levelNamed(scheme: NeedLevelScheme, name: string): GivenNeedLevel | undefined {
  const found = scheme.levels.find((l) => l.name.toLowerCase() === name.trim().toLowerCase());
  return found && { level: found.name, nationalLevel: found.nationalLevel, schemeId: scheme.id };
}

/** The first level that counts as universal (else the first): where a child goes when their needs are met. */
export function universalLevel(scheme: NeedLevelScheme): GivenNeedLevel {
  const found = scheme.levels.find((l) => l.nationalLevel === 'universal') ?? scheme.levels[0];
  if (!found) throw new Error('a scheme of levels of need has no levels');
  return { level: found.name, nationalLevel: found.nationalLevel, schemeId: scheme.id };
}

/** Checks a level given on a form against the area's scheme; adds the field's error naming the levels when it is not one. */
export function checkLevel(errors: FieldErrors, field: string, scheme: NeedLevelScheme, given: string): GivenNeedLevel | undefined {
  const found = levelNamed(scheme, given);
  if (!found) errors.add(field, 'one_of', `Level of need must be one of: ${scheme.levels.map((l) => l.name).join(', ')}`);
  return found;
}

/**
 * A level this area gave at some time, as it was given: the newest version (or the national
 * levels) that has it. For a referral sent before a change, and the portable format, which
 * carries the national level across areas.
 */
export async function levelFromHistory(q: Queryable, areaCode: string, name: string): Promise<GivenNeedLevel | undefined> {
  for (const scheme of [...(await repo.listSchemeVersions(q, areaCode)), NATIONAL_SCHEME]) {
    const found = levelNamed(scheme, name);
    if (found) return found;
  }
  return undefined;
}

/** The area's first level counted as this national level, for a level that came from another area. */
export function levelForNational(scheme: NeedLevelScheme, national: NationalNeedLevel): GivenNeedLevel | undefined {
  const found = scheme.levels.find((l) => l.nationalLevel === national);
  return found && { level: found.name, nationalLevel: found.nationalLevel, schemeId: scheme.id };
}

/** Reads the levels sent, in order, naming each fault by its field; blank rows are left out. */
function readLevels(errors: FieldErrors, input: SchemeInput): NeedLevelDefinition[] {
  const rows = input.levels
    .map((l, index) => ({
      index,
      name: (l.name ?? '').trim(),
      description: (l.description ?? '').trim(),
      national: (l.nationalLevel ?? '').trim(),
    }))
    .filter((r) => r.name !== '' || r.description !== '' || r.national !== '');
  if (rows.length < LEVELS_MIN)
    errors.add('levels', 'min_levels', `Give at least ${LEVELS_MIN} levels of need (you gave ${rows.length}): 004 para 232 found three to five`);
  if (rows.length > LEVELS_MAX) errors.add('levels', 'max_levels', `Give at most ${LEVELS_MAX} levels of need (you gave ${rows.length})`);
  const seen = new Set<string>();
  const levels: NeedLevelDefinition[] = [];
  for (const r of rows) {
    const at = `levels[${r.index}]`;
    const place = `Level ${r.index + 1}`;
    if (r.name === '') errors.add(`${at}.name`, 'required', `${place}: enter its name`);
    else if (r.name.length > LEVEL_NAME_MAX) errors.add(`${at}.name`, 'max_length', `${place}: the name must be ${LEVEL_NAME_MAX} characters or less`);
    else if (seen.has(r.name.toLowerCase())) errors.add(`${at}.name`, 'duplicate', `${place}: another level is already called ${r.name}`);
    seen.add(r.name.toLowerCase());
    if (r.description === '') errors.add(`${at}.description`, 'required', `${place}: describe which children it is for`);
    else if (r.description.length > LEVEL_DESCRIPTION_MAX)
      errors.add(`${at}.description`, 'max_length', `${place}: the description must be ${LEVEL_DESCRIPTION_MAX} characters or less`);
    if (!NATIONAL_NEED_LEVELS.is(r.national))
      errors.add(`${at}.nationalLevel`, 'mapping_required', `${place}: select the national level it counts as (004 Table 4.1)`);
    else levels.push({ name: r.name, description: r.description, nationalLevel: r.national });
  }
  return levels;
}

export function needLevelSchemeService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  return {
    /** The levels forms offer today in the area. */
    inForce: (areaCode: string): Promise<NeedLevelScheme> => schemeInForce(db, areaCode, todayOf(clock)),

    /** Every version, newest first; the national levels when the area has set none. */
    async history(areaCode: string): Promise<NeedLevelScheme[]> {
      const versions = await repo.listSchemeVersions(db, areaCode);
      return versions.length > 0 ? versions : [NATIONAL_SCHEME];
    },

    /**
     * A new version of the area's scheme, from a day that is today or later (the area's first
     * scheme may start earlier: it replaces the national levels, and records keep what they were
     * given). A level left out while open episodes hold it is refused with their count.
     */
    async change(by: { actor: Actor; ctx: RequestContext }, areaCode: string, input: SchemeInput): Promise<number> {
      const errors = new FieldErrors();
      const levels = readLevels(errors, input);
      const date = readDate(input.effectiveFrom ?? '', 'The date it takes effect');
      if (!date.ok) errors.add('effectiveFrom', date.rule, date.message);
      errors.throwIfAny();
      const effectiveFrom = date.ok ? date.value : '';
      const today = todayOf(clock);
      return db.transaction(async (tx) => {
        const latest = await repo.findLatestSchemeForChange(tx, areaCode);
        // The one rule of effective dates (platform/effective-from.ts); only an area's first scheme may start earlier.
        if (latest) refusePastEffectiveFrom(errors, effectiveFrom, today);
        if (!errors.has('effectiveFrom') && latest?.effectiveFrom && effectiveFrom < latest.effectiveFrom)
          errors.add('effectiveFrom', 'before_latest', `The date it takes effect must be on or after ${latest.effectiveFrom}, when version ${latest.version} does`);
        const current = await schemeInForce(tx, areaCode, today);
        const removed = current.levels.filter((l) => !levels.some((n) => n.name.toLowerCase() === l.name.toLowerCase()));
        const inUse = await repo.countOpenEpisodesByLevel(tx, areaCode, removed.map((l) => l.name));
        const refused = removed
          .map((l) => ({ name: l.name, episodes: inUse.get(l.name.toLowerCase()) ?? 0 }))
          .filter((l) => l.episodes > 0);
        if (refused.length > 0)
          errors.add(
            'levels',
            'level_in_use',
            refused
              .map((l) => `${l.name} is the level of need of ${l.episodes} open ${l.episodes === 1 ? 'episode' : 'episodes'}`)
              .join('; ') + ': keep it, or record another level for those children first',
          );
        errors.throwIfAny();
        const version = (latest?.version ?? 0) + 1;
        const changedAt = clock.now();
        const id = await repo.insertScheme(tx, { areaCode, version, effectiveFrom, changedAt, changedBy: by.actor.userId, levels });
        await recordAudit(tx, by.actor, by.ctx, {
          action: 'need_levels.scheme_changed',
          subject: { type: 'need_level_scheme', id },
          areaCode,
          details: { version, effectiveFrom, levels, removed: removed.map((l) => l.name) },
        });
        return version;
      });
    },
  };
}

export type NeedLevelSchemeService = ReturnType<typeof needLevelSchemeService>;
