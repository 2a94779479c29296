import { csvLine } from '../platform/csv.js';
import { childrenInWords, type TrailEntry } from './entries.js';

/**
 * The audit trail as CSV (issue 14, auditor): the plain words an auditor reads, then the raw codes
 * and ids a later check needs. Every cell goes through the product's one CSV writer
 * (platform/csv.ts: RFC 4180 quoting, and cells that look like formulas defused).
 */

const COLUMNS: readonly [string, (e: TrailEntry) => string | number | null][] = [
  ['When', (e) => e.when],
  ['Who', (e) => e.who],
  ['Role', (e) => e.role],
  ['What', (e) => e.what],
  ['Outcome', (e) => e.outcomeWords || 'Done'],
  ['Child', (e) => childrenInWords(e.children)],
  ['Reason', (e) => e.reason],
  ['From (IP address)', (e) => e.ip],
  ['Time (UTC, ISO 8601)', (e) => e.occurredAt.toISOString()],
  ['Action code', (e) => e.action],
  ['Outcome code', (e) => e.outcome],
  ['Person id', (e) => e.actorUserId],
  ['Person as recorded', (e) => e.actorLabel],
  ['Subject type', (e) => e.subjectType],
  ['Subject id', (e) => e.subjectId],
  ['Child ids', (e) => e.children.map((c) => c.id).join(' ')],
  ['Request id', (e) => e.requestId],
  ['Entry number', (e) => e.seq],
];

export const trailCsvHeader = (): string => `${csvLine(COLUMNS.map(([name]) => name))}\r\n`;

export const trailCsvLine = (e: TrailEntry): string => `${csvLine(COLUMNS.map(([, cell]) => cell(e)))}\r\n`;
