import { Type, type Static } from '@sinclair/typebox';

/**
 * The annual report of partnership activity (issue 16 item 9; 001 §3.4: the board publishes a review
 * every year) for a financial year, April to March: `year` 2025 is 1 April 2025 to 31 March 2026.
 */

const Day = Type.String({ format: 'date' });
const Count = Type.Integer({ minimum: 0 });

/**
 * A section another feature publishes in the report for the year (issue 18 item 7: the plan's annual
 * review), given by a source passed in (`AnnualReportSource`): governance imports no such feature.
 */
export const ReportContributionSchema = Type.Object({
  id: Type.String({ description: 'The section’s anchor on the page' }),
  heading: Type.String(),
  paragraphs: Type.Array(Type.String()),
  links: Type.Array(Type.Object({ text: Type.String(), href: Type.String() }), { description: 'Where the whole of it is published' }),
  tables: Type.Array(Type.Object({ caption: Type.String(), head: Type.Array(Type.String()), rows: Type.Array(Type.Array(Type.String())) })),
});
export type ReportContribution = Static<typeof ReportContributionSchema>;

/**
 * A feature's part of the annual report for an area's financial year, or null when it has nothing
 * published for it. Passed to governance by src/services.ts (as notifications' DueNotices sources are),
 * so governance keeps no import of the feature and no cycle forms.
 */
export type AnnualReportSource = (areaCode: string, year: number) => Promise<ReportContribution | null>;

export const AnnualReportSchema = Type.Object({
  year: Type.Integer({ description: 'The financial year by the calendar year it starts in: 2025 is 1 April 2025 to 31 March 2026' }),
  yearWords: Type.String({ description: '“2025 to 2026”' }),
  from: Day,
  to: Day,
  asAt: Day,
  complete: Type.Boolean({ description: 'False while the year is not over: the figures run to asAt' }),
  board: Type.Union([Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() }), Type.Null()]),
  membership: Type.Object({
    asAt: Day,
    shape: Type.Array(Type.Object({ represents: Type.String(), members: Count }), { description: '004 Table 2.5: sectors and constituencies seated on the board and how many members each' }),
    total: Count,
    members: Type.Array(Type.Object({ name: Type.String(), role: Type.String(), represents: Type.String() })),
  }),
  meetings: Type.Array(
    Type.Object({ body: Type.String(), kind: Type.String(), held: Count, withMinutes: Count, decisions: Count, actions: Count }),
    { description: 'Meetings of each of the trust’s bodies held in the year (the LSCB’s are its own business)' },
  ),
  attendance: Type.Array(
    Type.Object({
      partner: Type.String(),
      expected: Type.Integer({ minimum: 0, description: 'Board meetings times the partner’s seats on each day' }),
      present: Count,
      deputy: Count,
      apologies: Count,
      absent: Count,
      representedPercent: Type.Union([Type.Integer(), Type.Null()]),
    }),
    { description: 'Attendance at the board’s meetings by partner' },
  ),
  decisions: Type.Array(
    Type.Object({
      heldOn: Day,
      body: Type.String(),
      decision: Type.String(),
      power: Type.String(),
      authority: Type.String(),
      how: Type.String(),
      referredBack: Type.Boolean(),
      membersWithdrew: Count,
    }),
  ),
  selfAssessment: Type.Union([
    Type.Object({
      year: Type.Integer(),
      agreedOn: Day,
      previousYear: Type.Union([Type.Integer(), Type.Null()]),
      questions: Type.Array(Type.Object({ question: Type.String(), rating: Type.String(), previous: Type.String(), change: Type.String() })),
    }),
    Type.Null(),
  ]),
  section11: Type.Array(
    Type.Object({
      title: Type.String(),
      periodStart: Day,
      periodEnd: Day,
      dueOn: Day,
      agencies: Count,
      submitted: Count,
      submittedOnTime: Count,
      notSubmitted: Count,
      met: Count,
      partlyMet: Count,
      notMet: Count,
      byAgency: Type.Array(
        Type.Object({ agency: Type.String(), status: Type.String(), submittedOn: Type.Union([Day, Type.Null()]), met: Count, partlyMet: Count, notMet: Count }),
      ),
    }),
    { description: 'The LSCB’s section 11 rounds whose period ends in the year: completion and the count of each rating, per agency (evidence, improvement actions, chases and challenges stay with the LSCB)' },
  ),
  contributions: Type.Array(ReportContributionSchema, {
    description: 'What other features publish for the year, in the order their sources were passed in: the Children and Young People’s Plan’s published annual review (summary and link)',
  }),
});
export type AnnualReport = Static<typeof AnnualReportSchema>;

/** Financial years (1 April to 31 March, named by the year they start) are the platform's: platform/money.ts. */
export { financialYearBounds as yearSpan, financialYearOf } from '../../platform/money.js';

/** The earliest year the report can be asked for (the Children Act 2004). */
export const FIRST_YEAR = 2004;
