/** Today's date as 'YYYY-MM-DD' (UTC), the form dates take in the database and the API. */
export const todayIso = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/** The ISO date a number of days after another. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
