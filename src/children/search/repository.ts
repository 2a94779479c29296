import { prepared, type Queryable, type Tx } from '../../platform/db.js';
import { visibleSql } from '../records/repository.js';
import type { ChildSummary, MatchReason, Viewer } from '../types.js';

/** The child index's SQL for finding children. Takes db or tx first. */

const VISIBLE = visibleSql('c');

/**
 * The viewer's sector's age limit (subject-rules.ts childAgeRules, of which this is the twin): only
 * children younger than `years` on `today` are found; none when `years` is null.
 */
export interface AgeLimit {
  today: string;
  years: number | null;
}
const underAgeSql = (today: number, years: number): string =>
  `($${years}::int IS NULL OR c.date_of_birth > $${today}::date - make_interval(years => $${years}::int))`;
const ageParams = (limit: AgeLimit): [string, number | null] => [limit.today, limit.years];

interface SummaryRow {
  /** Why the best-matching name matched: 'kind|family|given' (see MATCHED), or a constant for identifier and date searches. */
  matched: string;
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  town: string;
  postcode: string;
  score: number;
  visible: boolean;
}

/** The words of MATCH_REASONS for what the SQL says matched (MATCHED's 'kind|family|given'). */
export function matchReasonsOf(matched: string): MatchReason[] {
  if (matched === 'nhs') return ['NHS number'];
  if (matched === 'upn') return ['Unique Pupil Number'];
  if (matched === 'date') return ['date of birth or postcode'];
  const [kind = '', family = '', given = ''] = matched.split('|');
  const reasons = new Set<MatchReason>();
  if (kind === 'previous') reasons.add('previous name');
  if (kind === 'alternative') reasons.add('other name');
  if (family === 'exact' && (given === '' || given === 'exact')) reasons.add('exact');
  if (family === 'sound') reasons.add('sounds like');
  if (family === 'part') reasons.add('part of the name');
  if (given === 'nickname') reasons.add('nickname');
  if (family === 'spelling' || given === 'spelling') reasons.add('similar spelling');
  return [...reasons];
}

const toSummary = (row: SummaryRow): ChildSummary => ({
  id: row.id,
  matchedOn: matchReasonsOf(row.matched),
  givenName: row.given_name,
  familyName: row.family_name,
  dateOfBirth: row.date_of_birth,
  town: row.town,
  // Enough of the address to tell children apart, and no more.
  postcodeDistrict: row.postcode.split(' ')[0] ?? '',
  matchQuality: Math.round(Math.min(1, row.score) * 100) / 100,
});

export interface SearchOutcome {
  /** The page asked for, best match first. */
  results: ChildSummary[];
  /**
   * How many of the matches this viewer may see are exactly as good as the best one (the same score
   * and the same answer to every tie-break): more than a page of them, and only a date of birth or a
   * postcode can tell the child apart. 0 for searches that do not rank (identifiers, dates).
   */
  equallyGood: number;
  /** How many matched that this viewer may see (at most MATCH_CAP). */
  total: number;
  /** True when more than MATCH_CAP matched: `total` is then a floor, and the search should be narrowed. */
  capped: boolean;
  /** Shielded records that matched but that this viewer may not see. */
  hiddenMatches: number;
}

/** One page of results: where it starts and how many it holds. */
export interface Page {
  offset: number;
  limit: number;
}

/**
 * The most matches a search counts and pages through; the SQL asks for one more to know there are more.
 * A search past it is asked to be narrowed (a date of birth or a postcode), not paged through.
 */
export const MATCH_CAP = 500;

function split(rows: SummaryRow[], page: Page): SearchOutcome {
  const capped = rows.length > MATCH_CAP;
  const counted = rows.slice(0, MATCH_CAP);
  const visible = counted.filter((r) => r.visible);
  return {
    results: visible.slice(page.offset, page.offset + page.limit).map(toSummary),
    equallyGood: 0,
    total: visible.length,
    capped,
    hiddenMatches: counted.length - visible.length,
  };
}

// The active record holding the identifier (its unique index), and the records merged into another
// (their own small index): each half uses an index that matches it exactly.
const byIdentifier = (column: 'nhs_number' | 'upn'): string =>
  `SELECT DISTINCT '${column === 'nhs_number' ? 'nhs' : 'upn'}' AS matched, c.id, c.given_name, c.family_name, c.date_of_birth, c.town, c.postcode, 1.0::float8 AS score, ${VISIBLE} AS visible
     FROM (SELECT m.id FROM child m WHERE m.area_code = $1 AND m.${column} = $4 AND m.merged_into_id IS NULL
           UNION ALL
           SELECT m.merged_into_id FROM child m WHERE m.area_code = $1 AND m.${column} = $4 AND m.merged_into_id IS NOT NULL) m
     JOIN child c ON c.id = m.id
    WHERE c.merged_into_id IS NULL AND ${underAgeSql(5, 6)}`;
// Named statements: an equality on a unique key, whose plan never depends on the value, planned once per connection.
const BY_NHS_NUMBER = prepared('child_search_by_nhs_number', byIdentifier('nhs_number'));
const BY_UPN = prepared('child_search_by_upn', byIdentifier('upn'));

export async function findChildrenByIdentifier(
  db: Queryable,
  areaCode: string,
  viewer: Viewer,
  ids: { nhsNumber: string | null; upn: string | null },
  ageLimit: AgeLimit,
  page: Page,
): Promise<SearchOutcome> {
  // One identifier per query, so each uses its own index. A merged record's identifiers still
  // find the record it was merged into.
  const [column, value] = ids.nhsNumber ? (['nhs_number', ids.nhsNumber] as const) : (['upn', ids.upn] as const);
  const rows = await db.query<SummaryRow>(column === 'nhs_number' ? BY_NHS_NUMBER : BY_UPN, [
    areaCode,
    viewer.organisationId,
    viewer.designatedSafeguarding,
    value,
    ...ageParams(ageLimit),
  ]);
  return split(rows, page);
}

export interface NameQuery {
  /** Lower case words, punctuation as spaces, as child_name.family_words holds them. */
  familyWords: string;
  /** The family name as typed, for its Double Metaphone code. */
  familyRaw: string;
  givenWords: string;
  /** The given name and its nickname or formal equivalents. */
  givenVariants: string[];
  /** Every string one edit from familyWords, swaps of two letters included (one-edit.ts). */
  familyOneEdit: string[];
  dateFrom: string | null;
  dateTo: string | null;
  postcode: string | null;
  /** A postcode district typed on its own (KE5): not a filter, but what breaks ties between equally good matches. */
  postcodeDistrict: string | null;
  /** The dates of birth of the approximate age typed (ageFrom to ageTo years today): like the district, it breaks ties only. */
  ageRange: { bornFrom: string; bornTo: string } | null;
  page: Page;
  ageLimit: AgeLimit;
}

/**
 * The family names in use one edit from the one typed ($8: the strings one-edit.ts makes, about 500 for eight letters),
 * for the searches without a date of birth, whose candidates they are: looked up once per statement (materialised:
 * inlined, it was looked up again for every use) by child_name_term's primary key. A handful, so scoring a row compares
 * it with those few rather than with all 500.
 */
const ONE_EDIT_IN_USE = `one_edit AS MATERIALIZED (
    SELECT ARRAY(SELECT t.words FROM child_name_term t WHERE t.area_code = $1 AND t.part = 'family' AND t.words = ANY ($8::text[])) AS names)`;
/** With a date of birth the few children born that day are scored against the strings themselves (a lookup cost more). */
const ONE_EDIT_TYPED = `one_edit AS (SELECT $8::text[] AS names)`;
/**
 * Two letters swapped count as one edit (levenshtein counts a swap as two; a letter dropped, added or changed it
 * already counts as one, so only a name of the same length two edits away is looked for in the list).
 */
const ONE_EDIT_SCORE = `CASE WHEN length(n.family_words) = length($4) AND levenshtein_less_equal(left(n.family_words, 100), left($4, 100), 2) = 2
      AND n.family_words = ANY (e.names) THEN 1 - 1::float8 / greatest(length(n.family_words), length($4), 1) ELSE 0 END`;
/**
 * How alike a stored name is to the one searched for, 0 to 1: the best of trigram similarity,
 * word similarity (one part of a hyphenated name), spelling distance (typos) and sound
 * (Double Metaphone), then the given name, nicknames counting as a match.
 */
const FAMILY_SCORE = `greatest(
    similarity(n.family_words, $4), word_similarity($4, n.family_words),
    1 - levenshtein(left(n.family_words, 100), left($4, 100))::float8 / greatest(length(n.family_words), length($4), 1),
    CASE WHEN n.family_sound = dmetaphone($5) AND n.family_sound <> '' THEN 0.8 ELSE 0 END,
    ${ONE_EDIT_SCORE})`;
const GIVEN_SCORE = `CASE WHEN $6 = '' THEN NULL ELSE greatest(
    similarity(n.given_words, $6), word_similarity($6, n.given_words),
    1 - levenshtein(left(n.given_words, 100), left($6, 100))::float8 / greatest(length(n.given_words), length($6), 1),
    CASE WHEN split_part(n.given_words, ' ', 1) = ANY($7::text[]) THEN 0.95 ELSE 0 END) END`;
/**
 * Why the child's best-matching name matched, as 'kind|family|given' (matchReasonsOf reads it): which
 * of the child's names (current, previous, alternative), how the family part matched (exact, sound:
 * Double Metaphone, part: one word of a hyphenated name, spelling), and the given part (exact,
 * nickname, spelling, or empty when none was typed). Over the scored names of bestMatchesSql.
 */
const MATCHED = `(array_agg(c.kind || '|' ||
    CASE WHEN c.family_words = $4 THEN 'exact'
         WHEN $4 = ANY (string_to_array(c.family_words, ' ')) THEN 'part'
         WHEN c.family_sound = dmetaphone($5) AND c.family_sound <> '' THEN 'sound'
         ELSE 'spelling' END || '|' ||
    CASE WHEN $6 = '' THEN ''
         WHEN c.given_words = $6 OR split_part(c.given_words, ' ', 1) = $6 THEN 'exact'
         WHEN split_part(c.given_words, ' ', 1) = ANY ($7::text[]) THEN 'nickname'
         ELSE 'spelling' END
    ORDER BY c.name_score DESC))[1]`;

const MIN_SCORE = 0.45;

/**
 * The children `from` and `where` find (aliases c for the child, n for each of its names, e for one_edit), each of
 * their names scored once (materialised: inlined, a name's scores were worked out again for every use, ten times in
 * all), each child's best kept when good enough, best first and then in tieBreak's order. `ctes` lists one_edit and
 * whatever `from` reads besides; `district` and `limit` are the positions of those parameters.
 */
const bestMatchesSql = (ctes: string, from: string, where: string, at: { district: number; limit: number }): string => `
  WITH ${ctes},
  named AS MATERIALIZED (
    SELECT c.id, c.given_name, c.family_name, c.date_of_birth, c.town, c.postcode, ${VISIBLE} AS visible,
           n.kind, n.family_words, n.given_words, n.family_sound, ${FAMILY_SCORE} AS family_score, ${GIVEN_SCORE} AS given_score
      FROM ${from}
     WHERE ${where}),
  scored AS (
    SELECT *, CASE WHEN given_score IS NULL THEN family_score ELSE 0.6 * family_score + 0.4 * given_score END AS name_score FROM named)
  SELECT ${MATCHED} AS matched, c.id, c.given_name, c.family_name, c.date_of_birth, c.town, c.postcode, max(c.name_score) AS score, c.visible
    FROM scored c
   GROUP BY c.id, c.given_name, c.family_name, c.date_of_birth, c.town, c.postcode, c.visible
  HAVING max(c.name_score) >= ${MIN_SCORE}
   ORDER BY score DESC, ${tieBreak(at.district)}
   LIMIT $${at.limit}`;

/**
 * Family names in use (child_name_term, migration 0007) alike to the one typed: by trigrams (the whole
 * name, or as one of its words: Smith finds "smith jones"), sounding alike, or one edit away (ONE_EDIT_IN_USE: Blal finds Ball).
 */
const FAMILY_TERMS = `
  SELECT t.words FROM child_name_term t WHERE t.area_code = $1 AND t.part = 'family' AND (t.words % $4 OR $4 <% t.words)
  UNION
  SELECT t.words FROM child_name_term t WHERE t.area_code = $1 AND t.part = 'family' AND t.sound = dmetaphone($5)
  UNION
  SELECT unnest(names) FROM one_edit`;
/**
 * Given names in use alike (`%>>` strictly word by word, or `%` as a whole) to the one typed or one of its nickname or
 * formal forms: one trigram index lookup per form (a filter over every given name in use cost ten times more).
 */
const givenTerms = (alike: '%>>' | '%'): string => `
  SELECT t.words FROM unnest(array_append($7::text[], $6)) AS v (form)
   CROSS JOIN LATERAL (SELECT t.words FROM child_name_term t WHERE t.words ${alike} v.form AND t.area_code = $1 AND t.part = 'given') t`;

/** Candidates by family name: the children holding a name whose family part is alike to the one typed. */
const BY_FAMILY_NAME = `SELECT DISTINCT n.child_id FROM unnest(ARRAY(${FAMILY_TERMS})) AS f (words)
  JOIN child_name n ON n.area_code = $1 AND n.family_words = f.words`;
/**
 * With a given name: the children holding a name with an alike family part and an alike given part. Each alike family
 * name is looked up (child_name_words_idx) and its names kept when their given part is in the alike list (a hash):
 * a lookup per pair of family and given names instead read twenty times the pages.
 */
const byFamilyAnd = (alike: '%>>' | '%'): string => `${BY_FAMILY_NAME}
  WHERE n.given_words IN (SELECT unnest(ARRAY(${givenTerms(alike)})))`;
/**
 * The narrow road first: a given name that is, word for word, alike to the one typed or to one of its
 * nickname or formal forms (strict word similarity 0.5: Ollie finds Oliver, not Olivia).
 */
const BY_FAMILY_AND_LIKE_GIVEN_NAME = byFamilyAnd('%>>');
/** The wide road, when the narrow one finds too few: a given name alike as a whole (0.2, as the family name: Jonh finds John). */
const BY_FAMILY_AND_ALIKE_GIVEN_NAME = byFamilyAnd('%');

const scoringParams = (areaCode: string, viewer: Viewer, q: NameQuery) => [
  areaCode,
  viewer.organisationId,
  viewer.designatedSafeguarding,
  q.familyWords,
  q.familyRaw,
  q.givenWords,
  q.givenVariants,
  q.familyOneEdit,
];

/**
 * What orders equally good matches (issue 19 item 3): what was typed first, a child in the postcode
 * district typed (the parameter at `district`, null when none was), then a child of the approximate age
 * typed (born between the two parameters after it, null when none was), then the names and the date of
 * birth, and the id last, so the same search always lists the same children in the same order.
 */
const tieBreak = (district: number): string =>
  `(split_part(c.postcode, ' ', 1) = $${district}::text) DESC NULLS LAST,
   (c.date_of_birth BETWEEN $${district + 1}::date AND $${district + 2}::date) DESC NULLS LAST,
   c.family_name, c.given_name, c.date_of_birth DESC, c.id`;
/** The parameters tieBreak reads, in its order. */
const tieBreakParams = (q: NameQuery): (string | null)[] => [q.postcodeDistrict, q.ageRange?.bornFrom ?? null, q.ageRange?.bornTo ?? null];

/** split(), and how many visible matches are as good as the best: its score and its answers to the district and the age. */
function splitWithTies(rows: SummaryRow[], q: NameQuery): SearchOutcome {
  const visible = rows.slice(0, MATCH_CAP).filter((r) => r.visible);
  const inDistrict = (r: SummaryRow) => q.postcodeDistrict !== null && r.postcode.split(' ')[0] === q.postcodeDistrict;
  const ofAge = (r: SummaryRow) => q.ageRange !== null && r.date_of_birth >= q.ageRange.bornFrom && r.date_of_birth <= q.ageRange.bornTo;
  const [best] = visible;
  const equallyGood = best
    ? visible.filter((r) => r.score === best.score && inDistrict(r) === inDistrict(best) && ofAge(r) === ofAge(best)).length
    : 0;
  return { ...split(rows, q.page), equallyGood };
}

/**
 * Name search. With a date of birth the date narrows first (its index), then every name of
 * those children is scored, so even a badly mistyped name is found. Without one, the names in use
 * alike to those typed (by trigrams or sound) are found first, then the children holding them.
 */
export async function findChildrenByName(tx: Tx, areaCode: string, viewer: Viewer, q: NameQuery): Promise<SearchOutcome> {
  if (!q.dateFrom) return findChildrenByNameWithoutDob(tx, areaCode, viewer, q);
  const rows = await tx.query<SummaryRow>(
    bestMatchesSql(
      ONE_EDIT_TYPED,
      'one_edit e CROSS JOIN child c JOIN child_name n ON n.child_id = c.id',
      `c.area_code = $1 AND c.merged_into_id IS NULL
        AND c.date_of_birth BETWEEN $9::date AND $10::date
        AND ($11::text IS NULL OR c.postcode = $11)
        AND ${underAgeSql(13, 14)}`,
      { district: 15, limit: 12 },
    ),
    [
      ...scoringParams(areaCode, viewer, q),
      q.dateFrom,
      q.dateTo ?? q.dateFrom,
      q.postcode,
      MATCH_CAP + 1,
      ...ageParams(q.ageLimit),
      ...tieBreakParams(q),
    ],
  );
  return splitWithTies(rows, q);
}

/** Scores the candidates a name search without a date of birth found (one of the three roads below). */
const scoredSql = (candidates: string): string =>
  bestMatchesSql(
    `${ONE_EDIT_IN_USE}, candidate AS (${candidates})`,
    'one_edit e CROSS JOIN candidate k JOIN child c ON c.id = k.child_id JOIN child_name n ON n.child_id = c.id',
    `c.merged_into_id IS NULL AND ($9::text IS NULL OR c.postcode = $9) AND ${underAgeSql(11, 12)}`,
    { district: 13, limit: 10 },
  );
// Named statements with one generic plan each (SEARCH_PLAN_SETTINGS): the candidates are found first, by the names in use,
// so the best plan does not depend on the values typed, and planning these long statements cost more than running them.
const SCORED_BY_FAMILY_NAME = prepared('child_search_by_family_name', scoredSql(BY_FAMILY_NAME));
const SCORED_BY_FAMILY_AND_LIKE_GIVEN_NAME = prepared('child_search_by_family_and_like_given', scoredSql(BY_FAMILY_AND_LIKE_GIVEN_NAME));
const SCORED_BY_FAMILY_AND_ALIKE_GIVEN_NAME = prepared('child_search_by_family_and_alike_given', scoredSql(BY_FAMILY_AND_ALIKE_GIVEN_NAME));

/**
 * For the searches without a date of birth, for their transaction (ADR 0043): their plan is generic (planned once
 * per connection, not on every call), serial (starting a parallel worker to fetch a few hundred rows cost more than
 * the whole search) and never JIT-compiled.
 */
const SEARCH_PLAN_SETTINGS = `set_config('plan_cache_mode', 'force_generic_plan', true), set_config('max_parallel_workers_per_gather', '0', true),
            set_config('jit', 'off', true)`;

async function findChildrenByNameWithoutDob(tx: Tx, areaCode: string, viewer: Viewer, q: NameQuery): Promise<SearchOutcome> {
  // Low enough that Tomson finds Thompson (trigram similarity 0.23; their Double Metaphone codes differ).
  await tx.query(
    `SELECT set_config('pg_trgm.similarity_threshold', '0.2', true), set_config('pg_trgm.word_similarity_threshold', '0.6', true),
            set_config('pg_trgm.strict_word_similarity_threshold', '0.5', true), ${SEARCH_PLAN_SETTINGS}`,
  );
  const scored = async (statement: typeof SCORED_BY_FAMILY_NAME) =>
    splitWithTies(
      await tx.query<SummaryRow>(statement, [...scoringParams(areaCode, viewer, q), q.postcode, MATCH_CAP + 1, ...ageParams(q.ageLimit), ...tieBreakParams(q)]),
      q,
    );
  if (q.givenWords === '') return scored(SCORED_BY_FAMILY_NAME);
  const narrow = await scored(SCORED_BY_FAMILY_AND_LIKE_GIVEN_NAME);
  // A full page or more from the narrow road holds the best matches (and its total counts them all);
  // fewer, and a mistyped given name (Jonh for John) may be what kept the child out, so the wide road is taken.
  return narrow.total >= q.page.limit ? narrow : scored(SCORED_BY_FAMILY_AND_ALIKE_GIVEN_NAME);
}

/**
 * No name: a date of birth (or range), optionally with a postcode or a postcode district typed on its own.
 * Here the district filters, where in a name search it only orders equally good matches: with no name
 * every child born in the range matches equally, so ordering by the district would still list the whole
 * area's children of those ages, which is what asking for a postcode with a range is there to stop. A
 * practitioner who types "born in 2014, KE5" means the children of KE5.
 */
export async function findChildrenByDateAndPostcode(
  db: Queryable,
  areaCode: string,
  viewer: Viewer,
  q: {
    dateFrom: string | null;
    dateTo: string | null;
    postcode: string | null;
    postcodeDistrict: string | null;
    page: Page;
    ageLimit: AgeLimit;
  },
): Promise<SearchOutcome> {
  const rows = await db.query<SummaryRow>(
    `SELECT 'date' AS matched, c.id, c.given_name, c.family_name, c.date_of_birth, c.town, c.postcode, 1.0::float8 AS score, ${VISIBLE} AS visible
       FROM child c
      WHERE c.area_code = $1 AND c.merged_into_id IS NULL
        AND ($4::date IS NULL OR c.date_of_birth BETWEEN $4::date AND $5::date)
        AND ($6::text IS NULL OR c.postcode = $6)
        AND ($10::text IS NULL OR split_part(c.postcode, ' ', 1) = $10)
        AND ${underAgeSql(8, 9)}
      ORDER BY c.family_name, c.given_name, c.date_of_birth
      LIMIT $7`,
    [
      areaCode,
      viewer.organisationId,
      viewer.designatedSafeguarding,
      q.dateFrom,
      q.dateTo,
      q.postcode,
      MATCH_CAP + 1,
      ...ageParams(q.ageLimit),
      q.postcodeDistrict,
    ],
  );
  return split(rows, q.page);
}
