import type { User } from '../../platform/auth/repository.js';
import type { Clock } from '../../platform/clock.js';
import { insertReturning, type Db } from '../../platform/db.js';
import { isUuid } from '../../platform/ids.js';
import { checkSearch, type SearchCriteria } from './service.js';

/**
 * A search has an address (issue 14): the posted search is checked and kept for its owner for
 * SEARCH_MINUTES (child_search, migration 0033), and its results are a GET page that runs it again,
 * so Back, reload and paging need no resubmitted form and no name goes in a URL. Nothing is read or
 * audited here: each showing of the results is a search, audited by the search service.
 */

export const SEARCH_MINUTES = 30;

/** The search form's fields as typed, and the reason's parts, kept to show the form again. */
export type SearchTerms = Record<string, string>;

export interface SavedSearch {
  terms: SearchTerms;
  reason: string;
}

export function savedSearchService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    /** Checks the search and its reason (field errors as the search itself gives them), keeps it, and returns its id. */
    async save(user: User, terms: SearchTerms, criteria: SearchCriteria, reason: string): Promise<string> {
      checkSearch(criteria, reason);
      const now = clock.now();
      return db.transaction(async (tx) => {
        await tx.query('DELETE FROM child_search WHERE user_id = $1 AND expires_at <= $2', [user.id, now]);
        const row = await insertReturning<{ id: string }>(
          tx,
          `INSERT INTO child_search (area_code, user_id, terms, reason, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [user.areaCode, user.id, JSON.stringify(terms), reason, now, new Date(now.getTime() + SEARCH_MINUTES * 60_000)],
        );
        return row.id;
      });
    },

    /** The user's own search, while it lasts; undefined for anyone else's, an expired one or an unknown id. */
    async find(user: User, id: string): Promise<SavedSearch | undefined> {
      if (!isUuid(id)) return undefined;
      const [row] = await db.query<{ terms: SearchTerms; reason: string }>(
        `SELECT terms, reason FROM child_search
          WHERE id = $1 AND user_id = $2 AND area_code = $3 AND expires_at > $4`,
        [id, user.id, user.areaCode, clock.now()],
      );
      return row ? { terms: row.terms, reason: row.reason } : undefined;
    },
  };
}

export type SavedSearchService = ReturnType<typeof savedSearchService>;
