// The child index benchmark's found rates (issue 19 item 5): whether the intended child is in the first
// 20 results, bucketed by how many children share the intended child's exact name (family and given
// name as child_name holds them: 20 or fewer, 21 to 100, more than 100), for the same children searched
// by their exact name and by a nickname or formal form of their given name (Ted for Edward), and for the
// timed "fuzzy names" queries (a typo in the family name and a nickname). Beside each rate is the bound
// an ideal ranker reaches on the same queries: a ranker that knows only what was typed cannot tell apart
// the k children holding the intended family name with a given name equal to the one typed or one of its
// forms, so it finds the child with chance min(1, 20 / k).
import type { Db } from '../src/platform/db.js';
import { nameWords } from '../src/children/search/service.js';
import { givenNameVariants, namesWithVariants } from '../src/children/search/nicknames.js';
import { createRandom } from '../src/demo/synthetic/children.js';
import type { SearchOutcome } from '../src/children/search/repository.js';

export interface FoundQuery {
  kind: string;
  targetId: string;
  familyName: string;
  givenName: string;
  /** Children sharing the intended child's exact name. */
  sharing: number;
  /** Children an ideal ranker cannot tell from the intended one. */
  equal: number;
}

const BUCKETS = [
  { label: '≤20', holds: (k: number) => k <= 20 },
  { label: '21-100', holds: (k: number) => k > 20 && k <= 100 },
  { label: '>100', holds: (k: number) => k > 100 },
] as const;

/** Children holding a name with these family words and one of these given words (child_name_words_idx). */
async function holding(db: Db, area: string, familyWords: string, givenWords: string[]): Promise<number> {
  const [row] = await db.query<{ n: string }>(
    `SELECT count(DISTINCT n.child_id) AS n FROM child_name n JOIN child c ON c.id = n.child_id AND c.merged_into_id IS NULL
      WHERE n.area_code = $1 AND n.family_words = $2 AND n.given_words = ANY ($3::text[])`,
    [area, familyWords, givenWords],
  );
  return Math.max(1, Number(row?.n ?? 1));
}

export async function sharingOf(db: Db, area: string, familyName: string, intendedGiven: string, typedGiven: string) {
  const family = nameWords(familyName);
  const sharing = await holding(db, area, family, [nameWords(intendedGiven)]);
  const forms = new Set([nameWords(typedGiven), ...givenNameVariants(typedGiven).map(nameWords)]);
  return { sharing, equal: await holding(db, area, family, [...forms]) };
}

/** The same children, searched by their exact name and by a nickname or formal form of their given name. */
export async function exactAndNicknameQueries(db: Db, area: string, count: number): Promise<FoundQuery[]> {
  const random = createRandom(19);
  const samples = await db.query<{ id: string; given_name: string; family_name: string }>(
    `SELECT c.id, c.given_name, c.family_name FROM child c JOIN child_name n ON n.child_id = c.id AND n.kind = 'current'
      WHERE c.area_code = $1 AND c.merged_into_id IS NULL AND n.given_words = ANY ($2::text[]) ORDER BY random() LIMIT $3`,
    [area, namesWithVariants(), count],
  );
  const queries: FoundQuery[] = [];
  for (const s of samples) {
    const forms = givenNameVariants(s.given_name).filter((v) => v !== nameWords(s.given_name) && !v.includes(' '));
    const nickname = forms[Math.floor(random() * forms.length)];
    if (!nickname) continue;
    const exact = await sharingOf(db, area, s.family_name, s.given_name, s.given_name);
    const byNickname = await sharingOf(db, area, s.family_name, s.given_name, nickname);
    queries.push({ kind: 'exact name', targetId: s.id, familyName: s.family_name, givenName: s.given_name, ...exact });
    queries.push({ kind: 'nickname', targetId: s.id, familyName: s.family_name, givenName: nickname, ...byNickname });
  }
  return queries;
}

interface Tally {
  n: number;
  found: number;
  bound: number;
}

/** Prints found rate and ideal bound per kind and bucket; returns them for BENCH_RESULT. */
export function reportFound(results: { query: FoundQuery; outcome: SearchOutcome }[]): Record<string, Record<string, Tally>> {
  const table: Record<string, Record<string, Tally>> = {};
  for (const { query, outcome } of results) {
    const bucket = BUCKETS.find((b) => b.holds(query.sharing))?.label ?? '>100';
    const row = (table[query.kind] ??= {});
    for (const key of [bucket, 'all']) {
      const tally = (row[key] ??= { n: 0, found: 0, bound: 0 });
      tally.n++;
      if (outcome.results.some((r) => r.id === query.targetId)) tally.found++;
      tally.bound += Math.min(1, 20 / query.equal);
    }
  }
  const pct = (x: number, n: number) => (n === 0 ? '   -' : `${((100 * x) / n).toFixed(0).padStart(3)}%`);
  console.log('\n  found in the first 20 (bound: an ideal ranker), by children sharing the exact name');
  console.log(`  ${'query'.padEnd(14)}${['≤20', '21-100', '>100', 'all'].map((b) => `${b.padStart(7)}: n   found bound`).join('')}`);
  for (const [kind, row] of Object.entries(table)) {
    const cells = ['≤20', '21-100', '>100', 'all'].map((b) => {
      const t = row[b] ?? { n: 0, found: 0, bound: 0 };
      return `${String(t.n).padStart(10)} ${pct(t.found, t.n)} ${pct(t.bound, t.n)}`;
    });
    console.log(`  ${kind.padEnd(14)}${cells.join('')}`);
  }
  return table;
}
