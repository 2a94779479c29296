import type { Queryable, Tx } from '../../platform/db.js';
import type { CatalogueEntry } from './dictionary.js';

/**
 * The catalogue's writes from a data dictionary and the topic mapping (indicator, indicator_aim,
 * indicator_topic_aim: owner outcomes). Set-based: one statement for every entry of the file.
 */

export interface CatalogueCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Creates or updates national indicators by code (ignoring case and spaces, as the unique index does). */
export async function upsertNationalIndicators(tx: Tx, entries: readonly CatalogueEntry[]): Promise<CatalogueCounts> {
  const rows = await tx.query<{ inserted: boolean }>(
    `INSERT INTO indicator AS i (code, title, definition, unit, polarity, source, frequency, scope, decimals, topic)
     SELECT r.code, r.title, r.definition, r.unit, r.polarity, r.source, r.frequency, 'national', r.decimals, r.topic
       FROM jsonb_to_recordset($1::jsonb) AS r (code text, title text, definition text, unit text, polarity text, source text,
                                                frequency text, decimals integer, topic text)
     ON CONFLICT ((upper(replace(code, ' ', '')))) WHERE area_code IS NULL DO UPDATE
        SET code = EXCLUDED.code, title = EXCLUDED.title, definition = EXCLUDED.definition, unit = EXCLUDED.unit,
            polarity = EXCLUDED.polarity, source = EXCLUDED.source, frequency = EXCLUDED.frequency,
            decimals = EXCLUDED.decimals, topic = EXCLUDED.topic
      WHERE (i.code, i.title, i.definition, i.unit, i.polarity, i.source, i.frequency, i.decimals, i.topic)
            IS DISTINCT FROM (EXCLUDED.code, EXCLUDED.title, EXCLUDED.definition, EXCLUDED.unit, EXCLUDED.polarity,
                              EXCLUDED.source, EXCLUDED.frequency, EXCLUDED.decimals, EXCLUDED.topic)
     RETURNING (xmax = 0) AS inserted`,
    [JSON.stringify(entries.map(({ line: _line, ...e }) => e))],
  );
  const created = rows.filter((r) => r.inserted).length;
  return { created, updated: rows.length - created, unchanged: entries.length - rows.length };
}

/**
 * The aims of the national indicators of these topics follow the topic mapping. With `onlyMapped`
 * (a dictionary import), an indicator whose topic has no mapping keeps the aims it has.
 */
export async function applyTopicAims(tx: Tx, topics: readonly string[], onlyMapped: boolean): Promise<void> {
  const lowered = [...new Set(topics.map((t) => t.toLowerCase()))];
  await tx.query(
    `DELETE FROM indicator_aim ia USING indicator i
      WHERE ia.indicator_id = i.id AND i.area_code IS NULL AND lower(i.topic) = ANY ($1::text[])
        AND (NOT $2 OR EXISTS (SELECT 1 FROM indicator_topic_aim t WHERE lower(t.topic) = lower(i.topic)))`,
    [lowered, onlyMapped],
  );
  await tx.query(
    `INSERT INTO indicator_aim (indicator_id, aim_code)
     SELECT i.id, t.aim_code FROM indicator i JOIN indicator_topic_aim t ON lower(t.topic) = lower(i.topic)
      WHERE i.area_code IS NULL AND lower(i.topic) = ANY ($1::text[])
     ON CONFLICT DO NOTHING`,
    [lowered],
  );
}

export interface TopicRow {
  topic: string;
  aimCodes: string[];
  indicators: number;
}

/** Every topic of the catalogue or of the mapping, with its aims and how many national indicators it has. */
export async function listTopics(db: Queryable): Promise<TopicRow[]> {
  const rows = await db.query<{ topic: string; aim_codes: string[] | null; indicators: number }>(
    `WITH topics AS (
       SELECT DISTINCT ON (lower(topic)) topic FROM (
         SELECT topic FROM indicator WHERE topic IS NOT NULL AND area_code IS NULL
         UNION ALL SELECT topic FROM indicator_topic_aim) t
       ORDER BY lower(topic), topic)
     SELECT tp.topic,
            (SELECT array_agg(DISTINCT m.aim_code ORDER BY m.aim_code) FROM indicator_topic_aim m WHERE lower(m.topic) = lower(tp.topic)) AS aim_codes,
            (SELECT count(*)::int FROM indicator i WHERE i.area_code IS NULL AND lower(i.topic) = lower(tp.topic)) AS indicators
       FROM topics tp ORDER BY lower(tp.topic)`,
  );
  return rows.map((r) => ({ topic: r.topic, aimCodes: r.aim_codes ?? [], indicators: r.indicators }));
}

/** Replaces a topic's aims (matched ignoring case). */
export async function replaceTopicAims(tx: Tx, topic: string, aimCodes: readonly string[]): Promise<void> {
  await tx.query('DELETE FROM indicator_topic_aim WHERE lower(topic) = lower($1)', [topic]);
  await tx.query('INSERT INTO indicator_topic_aim (topic, aim_code) SELECT $1, unnest($2::text[])', [topic, [...new Set(aimCodes)]]);
}
