/** Today's date as 'YYYY-MM-DD' (UTC), the form dates take in the database and the API. */
export const todayIso = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/** The ISO date a number of days after another. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 'YYYY-MM-DD' as GOV.UK pages print a date: "15 June 2014" (empty when it is not a date). */
export function formatDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? ''} ${m[1]}` : '';
}

/** 'YYYY-MM' as "March 2026" (the text as it came when it is not a month). */
export function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${MONTHS[Number(m[2]) - 1] ?? ''} ${m[1]}` : month;
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment as GOV.UK pages print one, in UK time: "2 December 2026 at 3:39pm" (the date as formatDate prints it). */
export function formatDateTime(value: Date | null | undefined): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return '';
  const part = Object.fromEntries(LONDON.formatToParts(value).map((p) => [p.type, p.value]));
  const hour = Number(part.hour);
  const time = `${hour % 12 === 0 ? 12 : hour % 12}:${part.minute ?? '00'}${hour < 12 ? 'am' : 'pm'}`;
  return `${formatDate(`${part.year ?? ''}-${part.month ?? ''}-${part.day ?? ''}`)} at ${time}`;
}
