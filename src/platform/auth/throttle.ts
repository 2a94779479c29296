import type { Queryable } from '../db.js';

/**
 * Sign-in throttling (issue 11). Password failures count per (email typed, client address), so a
 * guesser slows only their own address and cannot keep the named person out from elsewhere; the
 * tally across every address ('*') throttles a guess spread over many addresses, but only briefly.
 * Rows are keyed by the email typed, known or not, so a throttled account and an unknown email
 * answer alike.
 */

/** Failures from one address before each further one is delayed. */
export const FREE_FAILURES_PER_ADDRESS = 5;
/** The delay doubles from one minute with each further failure, up to this. */
export const MAX_DELAY_MINUTES_PER_ADDRESS = 15;
/** Failures from all addresses together before the account-wide throttle applies. */
export const FREE_FAILURES_ALL_ADDRESSES = 20;
/** The account-wide throttle is short: it must not become a way to keep someone out. */
export const DELAY_MINUTES_ALL_ADDRESSES = 1;
const ALL_ADDRESSES = '*';
/** A failure older than this no longer counts. */
const FORGET_AFTER_HOURS = 24;

/** Until when sign-in for this email from this address is refused, or null when it is not. */
export async function throttledUntil(db: Queryable, email: string, address: string): Promise<Date | null> {
  const [row] = await db.query<{ until: Date | null }>(
    `SELECT max(throttled_until) AS until FROM sign_in_throttle
      WHERE email = $1 AND address IN ($2, $3) AND throttled_until > now()`,
    [email, address, ALL_ADDRESSES],
  );
  return row?.until ?? null;
}

/** Counts a failed password for this email from this address and from all; returns any new throttle. */
export async function recordPasswordFailure(
  db: Queryable,
  email: string,
  address: string,
): Promise<{ failures: number; until: Date | null }> {
  const rows = await db.query<{ address: string; failures: number; throttled_until: Date | null }>(
    `INSERT INTO sign_in_throttle AS t (email, address, failures, throttled_until)
     SELECT $1, a.address, 1, NULL FROM unnest(ARRAY[$2::text, $3::text]) AS a(address)
     ON CONFLICT (email, address) DO UPDATE SET
       failures = CASE WHEN t.last_failure_at < now() - make_interval(hours => $8) THEN 1 ELSE t.failures + 1 END,
       last_failure_at = now(),
       throttled_until = CASE
         WHEN t.address = $3 THEN
           CASE WHEN t.failures + 1 >= $6 THEN now() + make_interval(mins => $7) ELSE t.throttled_until END
         WHEN t.failures + 1 >= $4 THEN
           now() + make_interval(mins => least($5, power(2, t.failures + 1 - $4))::int)
         ELSE t.throttled_until END
     RETURNING address, failures, throttled_until`,
    [
      email,
      address,
      ALL_ADDRESSES,
      FREE_FAILURES_PER_ADDRESS,
      MAX_DELAY_MINUTES_PER_ADDRESS,
      FREE_FAILURES_ALL_ADDRESSES,
      DELAY_MINUTES_ALL_ADDRESSES,
      FORGET_AFTER_HOURS,
    ],
  );
  const own = rows.find((r) => r.address === address);
  const untils = rows.map((r) => r.throttled_until).filter((d): d is Date => d !== null && d > new Date());
  const until = untils.length > 0 ? new Date(Math.max(...untils.map((d) => d.getTime()))) : null;
  return { failures: own?.failures ?? 0, until };
}

/** A correct password from this address clears its own count and the account-wide one, not other addresses'. */
export async function clearPasswordFailures(db: Queryable, email: string, address: string): Promise<void> {
  await db.query(
    `DELETE FROM sign_in_throttle WHERE email = $1 AND (address IN ($2, $3) OR last_failure_at < now() - make_interval(hours => $4))`,
    [email, address, ALL_ADDRESSES, FORGET_AFTER_HOURS],
  );
}
