import type { Queryable, Tx } from '../platform/db.js';
import type { GroupCode } from './types.js';

/**
 * The SQL of published mappings (mappings.ts): which columns of a publisher's file become which
 * indicators. One function per question; a mapping is written whole (its measures, filters and
 * groups replaced) in the caller's transaction.
 */

export type MappingSource = 'ees' | 'fingertips';

export interface MappingFilter {
  column: string;
  /** The value meaning all children (EES writes Total). */
  total: string;
  groups: { value: string; group: Exclude<GroupCode, 'all'> }[];
}

export interface PublishedMapping {
  id: string;
  source: MappingSource;
  slug: string;
  name: string;
  /** EES: a measure column; Fingertips: an Indicator ID. */
  measures: { column: string; indicator: string }[];
  filters: MappingFilter[];
  updatedBy: string;
  updatedAt: Date;
}

export type MappingInput = Omit<PublishedMapping, 'id' | 'updatedBy' | 'updatedAt'>;

interface MappingRow {
  id: string;
  source: MappingSource;
  slug: string;
  name: string;
  updated_by_label: string;
  updated_at: Date;
}

/** Every mapping of a source (or of both), with its measures, filters and groups, by name. */
export async function listMappings(db: Queryable, source?: MappingSource): Promise<PublishedMapping[]> {
  const rows = await db.query<MappingRow>(
    `SELECT id, source, slug, name, updated_by_label, updated_at FROM published_mapping
      WHERE $1::text IS NULL OR source = $1 ORDER BY name, slug`,
    [source ?? null],
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [measures, filters, groups] = await Promise.all([
    db.query<{ mapping_id: string; column_name: string; indicator_code: string }>(
      'SELECT mapping_id, column_name, indicator_code FROM published_mapping_measure WHERE mapping_id = ANY($1::uuid[]) ORDER BY column_name',
      [ids],
    ),
    db.query<{ mapping_id: string; column_name: string; total_value: string }>(
      'SELECT mapping_id, column_name, total_value FROM published_mapping_filter WHERE mapping_id = ANY($1::uuid[]) ORDER BY column_name',
      [ids],
    ),
    db.query<{ mapping_id: string; column_name: string; filter_value: string; group_code: Exclude<GroupCode, 'all'> }>(
      `SELECT mapping_id, column_name, filter_value, group_code FROM published_mapping_group
        WHERE mapping_id = ANY($1::uuid[]) ORDER BY column_name, filter_value`,
      [ids],
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    slug: r.slug,
    name: r.name,
    updatedBy: r.updated_by_label,
    updatedAt: r.updated_at,
    measures: measures.filter((m) => m.mapping_id === r.id).map((m) => ({ column: m.column_name, indicator: m.indicator_code })),
    filters: filters
      .filter((f) => f.mapping_id === r.id)
      .map((f) => ({
        column: f.column_name,
        total: f.total_value,
        groups: groups
          .filter((g) => g.mapping_id === r.id && g.column_name === f.column_name)
          .map((g) => ({ value: g.filter_value, group: g.group_code })),
      })),
  }));
}

export async function findMapping(db: Queryable, id: string): Promise<PublishedMapping | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const all = await listMappings(db);
  return all.find((m) => m.id === id) ?? null;
}

export async function findMappingBySlug(db: Queryable, source: MappingSource, slug: string): Promise<{ id: string } | null> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM published_mapping WHERE source = $1 AND slug = $2', [source, slug]);
  return row ?? null;
}

/** Creates or replaces the mapping of (source, slug); returns its id. */
export async function saveMapping(tx: Tx, input: MappingInput, actorLabel: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO published_mapping (source, slug, name, updated_by_label) VALUES ($1, $2, $3, $4)
     ON CONFLICT (source, slug) DO UPDATE SET name = EXCLUDED.name, updated_by_label = EXCLUDED.updated_by_label, updated_at = now()
     RETURNING id`,
    [input.source, input.slug, input.name, actorLabel],
  );
  if (!row) throw new Error('published_mapping upsert returned no row');
  await tx.query('DELETE FROM published_mapping_measure WHERE mapping_id = $1', [row.id]);
  await tx.query('DELETE FROM published_mapping_filter WHERE mapping_id = $1', [row.id]);
  for (const m of input.measures)
    await tx.query('INSERT INTO published_mapping_measure (mapping_id, column_name, indicator_code) VALUES ($1, $2, $3)', [
      row.id,
      m.column,
      m.indicator,
    ]);
  for (const f of input.filters) {
    await tx.query('INSERT INTO published_mapping_filter (mapping_id, column_name, total_value) VALUES ($1, $2, $3)', [
      row.id,
      f.column,
      f.total,
    ]);
    for (const g of f.groups)
      await tx.query('INSERT INTO published_mapping_group (mapping_id, column_name, filter_value, group_code) VALUES ($1, $2, $3, $4)', [
        row.id,
        f.column,
        g.value,
        g.group,
      ]);
  }
  return row.id;
}
