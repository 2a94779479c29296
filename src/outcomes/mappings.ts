import { recordAudit, type RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { Db } from '../platform/db.js';
import { FieldErrors, notFound } from '../platform/errors.js';
import * as sql from './mappings-sql.js';
import type { MappingInput, MappingSource, PublishedMapping } from './mappings-sql.js';
import { listIndicatorsForArea } from './repository.js';
import { GROUPS, type GroupCode } from './types.js';

export type { MappingFilter, MappingInput, MappingSource, PublishedMapping } from './mappings-sql.js';

/**
 * Published mappings (issue 15 item 1): a planner says once which columns of a publication's files
 * become which indicators, and every later import of that publication reuses it. An Explore
 * Education Statistics file is matched to the mapping whose columns it has (layouts/ees.ts); a
 * Fingertips export to the indicator IDs mapped (layouts/fingertips.ts). Mappings are national
 * reference data like the catalogue: any planner may make or change one, and each change is audited.
 */

export const MAPPING_SOURCES: readonly { code: MappingSource; label: string; measureWord: string }[] = [
  { code: 'ees', label: 'Explore Education Statistics', measureWord: 'Measure column' },
  { code: 'fingertips', label: 'OHID Fingertips', measureWord: 'Fingertips Indicator ID' },
];
export const isMappingSource = (s: unknown): s is MappingSource => MAPPING_SOURCES.some((m) => m.code === s);

const GROUP_CODES = GROUPS.filter((g) => g.code !== 'all').map((g) => g.code);
const isGroup = (g: string): g is Exclude<GroupCode, 'all'> => (GROUP_CODES as readonly string[]).includes(g);

/** The address form of a publication's name: "Children looked after in England" -> children-looked-after-in-england. */
export const slugOf = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');

const normaliseCode = (code: string): string => code.replace(/\s+/g, '').toUpperCase();

export interface MappingDraft {
  source?: string;
  name?: string;
  slug?: string;
  measures?: { column?: string; indicator?: string }[];
  filters?: { column?: string; total?: string; groups?: { value?: string; group?: string }[] }[];
}

/**
 * Checks a mapping as typed: a name, at least one measure, each to an indicator of the catalogue the
 * planner's area may name, each column once, groups among ours. Field names follow the page's
 * inputs (`indicator-3`, `groups-2`) so each error sits beside its box.
 */
export function checkMapping(draft: MappingDraft, indicatorCodes: ReadonlySet<string>): MappingInput {
  const errors = new FieldErrors();
  if (!isMappingSource(draft.source)) errors.add('source', 'one_of', 'Choose Explore Education Statistics or Fingertips');
  const source: MappingSource = isMappingSource(draft.source) ? draft.source : 'ees';
  const name = (draft.name ?? '').trim();
  if (name === '') errors.add('name', 'required', 'Enter the publication’s name');
  else if (name.length > 200) errors.add('name', 'max_length', 'The name must be 200 characters or less');
  const slug = slugOf((draft.slug ?? '').trim() || name);
  if (name !== '' && slug === '') errors.add('slug', 'format', 'Give the publication a name with letters or digits');
  const seen = new Set<string>();
  const measures: MappingInput['measures'] = [];
  (draft.measures ?? []).forEach((m, i) => {
    const column = (m.column ?? '').trim();
    const indicator = (m.indicator ?? '').trim();
    if (column === '' || indicator === '') return;
    if (seen.has(column)) errors.add(`indicator-${i}`, 'unique', `The column ${column} is mapped twice`);
    else if (!indicatorCodes.has(normaliseCode(indicator)))
      errors.add(
        `indicator-${i}`,
        'unknown_indicator',
        `${indicator} is not an indicator in the catalogue: enter the code of one, like NI 117, or add it to the catalogue first (import a data dictionary with a row for it)`,
      );
    seen.add(column);
    measures.push({ column, indicator });
  });
  if (measures.length === 0)
    errors.add(
      'indicator-0',
      'required',
      source === 'ees' ? 'Map at least one measure column to an indicator' : 'Map at least one Fingertips indicator ID to an indicator',
    );
  const filters: MappingInput['filters'] = [];
  (draft.filters ?? []).forEach((f, i) => {
    const column = (f.column ?? '').trim();
    if (column === '') return;
    if (seen.has(column)) errors.add(`total-${i}`, 'unique', `The column ${column} is both a measure and a filter: choose one`);
    seen.add(column);
    const total = (f.total ?? '').trim() || 'Total';
    const groups: sql.MappingFilter['groups'] = [];
    for (const g of f.groups ?? []) {
      const value = (g.value ?? '').trim();
      const group = (g.group ?? '').trim();
      if (value === '' && group === '') continue;
      if (value === '' || !isGroup(group))
        errors.add(
          `groups-${i}`,
          'format',
          `Write each group on its own line as value = group, the group one of ${GROUP_CODES.join(', ')}`,
        );
      else if (value === total) errors.add(`groups-${i}`, 'total', `${value} is the total of ${column}: it stands for all children`);
      else if (!groups.some((x) => x.value === value)) groups.push({ value, group });
    }
    filters.push({ column, total, groups });
  });
  errors.throwIfAny();
  return { source, slug, name, measures, filters };
}

export function mappingService({ db }: { db: Db }) {
  return {
    list: (source?: MappingSource): Promise<PublishedMapping[]> => sql.listMappings(db, source),

    async get(id: string): Promise<PublishedMapping> {
      const mapping = await sql.findMapping(db, id);
      if (!mapping) throw notFound('No such mapping');
      return mapping;
    },

    /** Saves a mapping whole (a publication's mapping is replaced); audited in the same transaction. */
    async save(user: User, draft: MappingDraft, ctx: RequestContext): Promise<PublishedMapping> {
      const indicators = await listIndicatorsForArea(db, user.areaCode);
      const input = checkMapping(draft, new Set(indicators.map((i) => normaliseCode(i.code))));
      const id = await db.transaction(async (tx) => {
        const saved = await sql.saveMapping(tx, input, actorOf(user).label);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'indicators.mapping_saved',
          subject: { type: 'published_mapping', id: saved },
          areaCode: user.areaCode,
          details: { source: input.source, slug: input.slug, measures: input.measures.length, filters: input.filters.length },
        });
        return saved;
      });
      return this.get(id);
    },
  };
}

export type MappingService = ReturnType<typeof mappingService>;
