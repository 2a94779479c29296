import type { Queryable } from './db.js';
import { can, type Action, type Principal } from './policy.js';

/**
 * Work waiting for someone, as the home page shows it (issue 14): each feature counts what is its own
 * and says where to go to do it. Counts only, never a child's name, so reading them is not audited;
 * the page a link opens names the children and audits that read.
 */
export interface WaitingItem {
  /** The action needed to open `href`: an item is shown only to those the policy allows it (deny by default). */
  action: Action;
  /** The heading it is listed under ("Referrals and front-line work"). */
  group: string;
  /** What is counted, as a label beside its number: "Referrals to your organisation not acknowledged in time". */
  text: string;
  count: number;
  href: string;
  linkText: string;
  /** A word shown beside the number as a red tag when something is late or went wrong ("Overdue"). */
  flag?: string;
}

/** One kind of waiting work: the action its page needs, a further condition on the person, and its one query. */
export interface WaitingKind<U extends Principal> {
  action: Action;
  /** A condition the feature's service also checks (a designated safeguarding lead decides shielding). */
  applies?: (user: U) => boolean;
  /** The kind's counts for this user on `today` (the clock's date); one query. */
  count: (user: U, today: string) => Promise<Omit<WaitingItem, 'action'>[]>;
}

/**
 * A feature's `waitingFor(user)`: runs only the kinds the policy allows the user, and keeps what is
 * more than nothing, each item carrying the action of its kind.
 */
export function waitingWork<U extends Principal>(kinds: readonly WaitingKind<U>[], today: () => string) {
  return async (user: U): Promise<WaitingItem[]> => {
    const day = today();
    const allowed = kinds.filter((k) => can(user, k.action) && (k.applies?.(user) ?? true));
    const found = await Promise.all(allowed.map(async (k) => (await k.count(user, day)).map((item) => ({ ...item, action: k.action }))));
    return found.flat().filter((item) => item.count > 0);
  };
}

/** The one row a waiting-work count query returns (a `SELECT count(*) ...` always returns one). */
export async function countRow<R>(db: Queryable, sql: string, params: unknown[]): Promise<R> {
  const [row] = await db.query<R>(sql, params);
  if (!row) throw new Error('a count returned no row');
  return row;
}
