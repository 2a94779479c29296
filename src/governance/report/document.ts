import { csvLine } from '../../platform/csv.js';
import { formatDate } from '../../platform/dates.js';
import type { PdfBlock, PrintableDocument } from '../../platform/pdf.js';
import type { AnnualReport } from './types.js';

/**
 * The annual report as sections of paragraphs and tables, written once and read three ways: the page
 * renders them, the PDF draws them as typed blocks (ADR 0014) and the CSV writes every table's rows
 * (`csvLine`). So the three carry the same figures in the same words.
 */

export interface ReportTable {
  caption: string;
  head: string[];
  rows: string[][];
  /** Which columns hold numbers (right-aligned on the page). */
  numeric: boolean[];
  /** Each column's share of the PDF's width (so words fit their column). */
  widths?: number[];
}

export interface ReportSection {
  id: string;
  heading: string;
  paragraphs: string[];
  tables: ReportTable[];
  /** Where more is published (another feature's section: the plan's annual review). */
  links?: { text: string; href: string }[];
}

const n = (x: number | null): string => (x === null ? '' : String(x));
const table = (caption: string, head: string[], rows: string[][], numericFrom = head.length, widths?: number[]): ReportTable => ({
  caption,
  head,
  rows,
  numeric: head.map((_, i) => i >= numericFrom),
  ...(widths ? { widths } : {}),
});

export const reportTitle = (r: AnnualReport): string => `Annual report of partnership activity ${r.yearWords}`;

/** The opening words: the span, and whether the year is over. */
export function introOf(r: AnnualReport): string {
  const span = `From ${formatDate(r.from)} to ${formatDate(r.to)}`;
  return r.complete ? `${span}.` : `${span}. The year is not over: the figures run to ${formatDate(r.asAt)}.`;
}

export function sectionsOf(r: AnnualReport): ReportSection[] {
  const boardName = r.board?.name ?? 'The children’s trust board';
  const membership: ReportSection = {
    id: 'membership',
    heading: 'Membership of the board',
    paragraphs: r.board
      ? [`${boardName} on ${formatDate(r.membership.asAt)}: ${r.membership.total} members (the secretariat is not counted).`]
      : ['The area has no children’s trust board in this year.'],
    tables: r.board
      ? [
          table('Who sits on the board (the shape of 004 Table 2.5)', ['Sector or constituency', 'Members'], r.membership.shape.map((s) => [s.represents, String(s.members)]), 1, [0.7, 0.3]),
          table('Members', ['Name', 'Role', 'Represents'], r.membership.members.map((m) => [m.name, m.role, m.represents]), 3, [0.3, 0.25, 0.45]),
        ]
      : [],
  };
  const held = r.meetings.reduce((sum, m) => sum + m.held, 0);
  const meetings: ReportSection = {
    id: 'meetings',
    heading: 'Meetings held',
    paragraphs: [`${held} meetings of the trust’s bodies in the year. The Local Safeguarding Children Board’s meetings are its own business and are not counted here.`],
    tables: [
      table(
        'Meetings by body',
        ['Body', 'Kind', 'Meetings held', 'With minutes', 'Decisions', 'Actions agreed'],
        r.meetings.map((m) => [m.body, m.kind, String(m.held), String(m.withMinutes), String(m.decisions), String(m.actions)]),
        2,
        [0.3, 0.2, 0.125, 0.125, 0.125, 0.125],
      ),
    ],
  };
  const attendance: ReportSection = {
    id: 'attendance',
    heading: 'Attendance at the board by partner',
    paragraphs: [
      'Each partner’s seats at each board meeting: attended in person, represented by a deputy, apologies without a deputy, or absent (nothing recorded counts as absent).',
    ],
    tables: [
      table(
        'Attendance by partner',
        ['Partner', 'Seats at meetings', 'Present', 'By a deputy', 'Apologies', 'Absent', 'Represented (%)'],
        r.attendance.map((a) => [a.partner, String(a.expected), String(a.present), String(a.deputy), String(a.apologies), String(a.absent), n(a.representedPercent)]),
        1,
        [0.2, 0.12, 0.12, 0.12, 0.15, 0.11, 0.18],
      ),
    ],
  };
  const decisions: ReportSection = {
    id: 'decisions',
    heading: 'Decisions',
    paragraphs: [
      `${r.decisions.length} decisions recorded by the trust’s bodies in the year. Where members withdrew for a declared interest, the number is shown.`,
    ],
    tables: [
      table(
        'Decisions',
        ['Date', 'Body', 'Decision', 'Power', 'How decided', 'Referred back to partners', 'Members withdrew'],
        r.decisions.map((d) => [formatDate(d.heldOn), d.body, d.decision, `${d.power} (${d.authority})`, d.how, d.referredBack ? 'Yes' : 'No', String(d.membersWithdrew)]),
        6,
        [0.1, 0.12, 0.24, 0.17, 0.14, 0.11, 0.12],
      ),
    ],
  };
  const sa = r.selfAssessment;
  const selfAssessment: ReportSection = {
    id: 'self-assessment',
    heading: 'The board’s self-assessment',
    paragraphs: sa
      ? [`Agreed on ${formatDate(sa.agreedOn)} against the Audit Commission’s seven questions${sa.previousYear === null ? '.' : `, compared with ${sa.previousYear} to ${sa.previousYear + 1}.`}`]
      : ['The board has not agreed a self-assessment for this year.'],
    tables: sa ? [table('Ratings', ['Question', 'This year', 'The year before', 'Change'], sa.questions.map((q) => [q.question, q.rating, q.previous, q.change]), 4, [0.46, 0.16, 0.16, 0.22])] : [],
  };
  const section11: ReportSection = {
    id: 'section-11',
    heading: 'Section 11 audits',
    paragraphs:
      r.section11.length === 0
        ? ['The LSCB has no section 11 round for a period ending in this year.']
        : [
            'As the Local Safeguarding Children Board publishes them: each agency’s completion and how many standards it rated met, partly met and not met. The evidence, improvement actions and the LSCB’s challenge stay with the LSCB.',
          ],
    tables: r.section11.flatMap((round) => [
      table(
        `${round.title}: completion (${formatDate(round.periodStart)} to ${formatDate(round.periodEnd)}, due ${formatDate(round.dueOn)})`,
        ['Agencies', 'Submitted', 'Submitted by the due date', 'Not submitted', 'Standards met', 'Partly met', 'Not met'],
        [[round.agencies, round.submitted, round.submittedOnTime, round.notSubmitted, round.met, round.partlyMet, round.notMet].map(String)],
        0,
      ),
      table(
        `${round.title}: by agency`,
        ['Agency', 'Status', 'Submitted on', 'Met', 'Partly met', 'Not met'],
        round.byAgency.map((a) => [a.agency, a.status, a.submittedOn ? formatDate(a.submittedOn) : '', String(a.met), String(a.partlyMet), String(a.notMet)]),
        3,
        [0.34, 0.14, 0.16, 0.12, 0.12, 0.12],
      ),
    ]),
  };
  // Other features' sections for the year (passed-in sources, ADR 0037): their tables carry words, not counts.
  const contributed: ReportSection[] = r.contributions.map((c) => ({
    id: c.id,
    heading: c.heading,
    paragraphs: c.paragraphs,
    links: c.links,
    tables: c.tables.map((t) => table(t.caption, t.head, t.rows)),
  }));
  return [membership, meetings, attendance, decisions, selfAssessment, section11, ...contributed];
}

/** The PDF: the title, the opening words, then each section's heading, paragraphs and tables. */
export function printableOf(r: AnnualReport, footer: PrintableDocument['footer']): PrintableDocument {
  const blocks: PdfBlock[] = [{ kind: 'paragraph', text: introOf(r) }];
  for (const s of sectionsOf(r)) {
    blocks.push({ kind: 'heading', level: 2, text: s.heading });
    for (const p of s.paragraphs) blocks.push({ kind: 'paragraph', text: p });
    for (const l of s.links ?? []) blocks.push({ kind: 'paragraph', text: `${l.text}: ${l.href}` });
    for (const t of s.tables) {
      blocks.push({ kind: 'heading', level: 3, text: t.caption });
      if (t.rows.length === 0) blocks.push({ kind: 'paragraph', text: 'None.' });
      else blocks.push({ kind: 'table', head: t.head, rows: t.rows, ...(t.widths ? { widths: t.widths } : {}) });
    }
  }
  return { title: reportTitle(r), footer, blocks };
}

/** The CSV: each table's header then its rows, each line led by the section and the table it belongs to. */
export function csvOf(r: AnnualReport): string[] {
  const lines = [csvLine(['Section', 'Table', reportTitle(r)]), csvLine(['Report', 'Span', introOf(r)])];
  for (const s of sectionsOf(r)) {
    for (const t of s.tables) {
      lines.push(csvLine([s.heading, t.caption, ...t.head]));
      for (const row of t.rows) lines.push(csvLine([s.heading, t.caption, ...row]));
    }
  }
  return lines.map((l) => `${l}\r\n`);
}
