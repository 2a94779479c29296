import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { membersOn, representsOf, shapeOf } from '../bodies/service.js';
import { governanceProblems } from '../errors.js';
import { QUESTION_WORDS, RATING_WORDS, ratingChange, SELF_ASSESSMENT_QUESTIONS, yearWords, type SelfAssessmentRating } from '../self-assessment/questions.js';
import { SECTION11_STATUS_WORDS, type Section11AuditStatus } from '../section11/standards.js';
import { BODY_KIND_LABELS, DECISION_METHOD_LABELS, MEMBER_ROLE_LABELS, type BodyKind, type DecisionMethod } from '../types.js';
import * as repo from './repository.js';
import { financialYearOf, FIRST_YEAR, yearSpan, type AnnualReport, type AnnualReportSource } from './types.js';

/**
 * The annual report of partnership activity (issue 16 item 9): one financial year's membership, meetings,
 * attendance by partner, decisions, the board's agreed self-assessment and the section 11 results the
 * LSCB publishes. Published to everyone of the area (`governance.view`): it names members (as the
 * membership pages do) and never a child; each read is audited with the year and the format.
 */

export type ReportFormat = 'page' | 'pdf' | 'csv' | 'json';

const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((100 * part) / whole));

function how(d: repo.DecisionRow): string {
  const method = DECISION_METHOD_LABELS[d.method as DecisionMethod] ?? d.method;
  if (d.votesFor === null) return method;
  return `${method}: ${d.votesFor} for, ${d.votesAgainst ?? 0} against, ${d.abstentions ?? 0} abstaining`;
}

const ratingLabel = (r: string | null | undefined): string => (r ? (RATING_WORDS[r as SelfAssessmentRating]?.label ?? r) : 'Not rated');

export function annualReportService({ db, clock, sources = [] }: { db: Db; clock: Clock; sources?: readonly AnnualReportSource[] }) {
  const audit = auditWithClock(clock);
  const today = () => todayOf(clock);

  /** The year asked for: blank is the last year that has ended; otherwise a year from 2004 to the current one. */
  function readYear(input: string | number | undefined): number {
    const current = financialYearOf(today());
    if (input === undefined || String(input).trim() === '') return current - 1;
    const text = String(input).trim();
    const message = `Enter a year from ${FIRST_YEAR} to ${current} (the year the report’s April falls in)`;
    if (!/^\d{4}$/.test(text))
      throw governanceProblems.invalid(message, { fieldErrors: [{ field: 'year', rule: 'integer', message }] });
    const year = Number(text);
    if (year < FIRST_YEAR || year > current) throw governanceProblems.invalid(message, { fieldErrors: [{ field: 'year', rule: 'range', message }] });
    return year;
  }

  async function build(areaCode: string, year: number): Promise<AnnualReport> {
    const { from, to } = yearSpan(year);
    const asAt = to < today() ? to : today();
    const bodies = await repo.trustBodies(db, areaCode, from, to);
    const board = bodies.find((b) => b.kind === 'trust_board');
    const ids = bodies.map((b) => b.id);
    const seated = board ? await membersOn(db, board.id, asAt) : [];
    const shape = shapeOf(board?.id ?? '', asAt, seated);
    const [counts, attendance, decided, assessed, lscb] = await Promise.all([
      repo.meetingCounts(db, ids, from, asAt),
      board ? repo.attendanceByPartner(db, board.id, from, asAt) : Promise.resolve([]),
      repo.decisions(db, ids, from, asAt),
      board ? repo.agreedSelfAssessments(db, board.id, year) : Promise.resolve([]),
      repo.lscbOf(db, areaCode),
    ]);
    const rounds = lscb ? await repo.section11Rounds(db, lscb.id, from, to) : [];
    // Other features' published parts of the year (the plan's annual review), from the sources passed in.
    const contributions = (await Promise.all(sources.map((source) => source(areaCode, year)))).filter((c) => c !== null);
    const results = rounds.length > 0 ? await repo.agencyResults(db, rounds.map((r) => r.id)) : [];

    const thisYear = assessed.filter((r) => r.year === year);
    const lastYear = assessed.filter((r) => r.year === year - 1);
    const agreedAt = thisYear[0]?.agreedAt;
    return {
      year,
      yearWords: yearWords(year),
      from,
      to,
      asAt,
      complete: to < today(),
      board: board ? { id: board.id, name: board.name } : null,
      membership: {
        asAt,
        shape: shape.rows,
        total: shape.total,
        members: seated
          .filter((m) => m.memberRole !== 'secretariat')
          .map((m) => ({ name: m.personName, role: MEMBER_ROLE_LABELS[m.memberRole], represents: m.organisationName ?? representsOf(m) })),
      },
      meetings: bodies.map((b) => {
        const c = counts.find((x) => x.bodyId === b.id);
        return { body: b.name, kind: BODY_KIND_LABELS[b.kind as BodyKind] ?? b.kind, held: c?.held ?? 0, withMinutes: c?.withMinutes ?? 0, decisions: c?.decisions ?? 0, actions: c?.actions ?? 0 };
      }),
      attendance: attendance.map((a) => ({ ...a, representedPercent: percent(a.present + a.deputy, a.expected) })),
      decisions: decided.map((d) => ({
        heldOn: d.heldOn,
        body: d.bodyName,
        decision: d.decision,
        power: d.power,
        authority: d.authority === 'delegated' ? 'Delegated' : 'Advisory',
        how: how(d),
        referredBack: d.referBack,
        membersWithdrew: d.withdrew,
      })),
      selfAssessment:
        agreedAt === undefined
          ? null
          : {
              year,
              agreedOn: agreedAt.toISOString().slice(0, 10),
              previousYear: lastYear.length > 0 ? year - 1 : null,
              questions: SELF_ASSESSMENT_QUESTIONS.values.map((q) => {
                const now = thisYear.find((r) => r.question === q)?.rating ?? null;
                const before = lastYear.find((r) => r.question === q)?.rating ?? null;
                return {
                  question: QUESTION_WORDS[q],
                  rating: ratingLabel(now),
                  previous: lastYear.length > 0 ? ratingLabel(before) : 'No earlier self-assessment',
                  change: lastYear.length > 0 ? ratingChange(before as SelfAssessmentRating | null, now as SelfAssessmentRating | null).words : 'No earlier self-assessment',
                };
              }),
            },
      section11: rounds.map((r) => {
        const agencies = results.filter((a) => a.roundId === r.id);
        const submitted = agencies.filter((a) => a.status === 'submitted');
        const sum = (k: 'met' | 'partlyMet' | 'notMet') => submitted.reduce((n, a) => n + a[k], 0);
        return {
          title: r.title,
          periodStart: r.periodStart,
          periodEnd: r.periodEnd,
          dueOn: r.dueOn,
          agencies: agencies.length,
          submitted: submitted.length,
          submittedOnTime: submitted.filter((a) => a.submittedOn !== null && a.submittedOn <= r.dueOn).length,
          notSubmitted: agencies.length - submitted.length,
          met: sum('met'),
          partlyMet: sum('partlyMet'),
          notMet: sum('notMet'),
          byAgency: agencies.map((a) => ({
            agency: a.agency,
            status: SECTION11_STATUS_WORDS[a.status as Section11AuditStatus] ?? a.status,
            submittedOn: a.submittedOn,
            met: a.met,
            partlyMet: a.partlyMet,
            notMet: a.notMet,
          })),
        };
      }),
      contributions,
    };
  }

  return {
    today,
    now: () => clock.now(),
    readYear,
    /** The years a person may choose, newest first: from the year the area's first body was set up (or last year) to this one. */
    years: async (areaCode: string): Promise<number[]> => {
      const [row] = await db.query<{ first: string | null }>(`SELECT to_char(min(established_on), 'YYYY-MM-DD') AS first FROM governance_body WHERE area_code = $1`, [areaCode]);
      const current = financialYearOf(today());
      const first = Math.max(FIRST_YEAR, Math.min(current - 1, row?.first ? financialYearOf(row.first) : current - 1));
      return Array.from({ length: current - first + 1 }, (_, i) => current - i);
    },
    /** The report for a year (as the person asked for it: `readYear`), its read audited with the format. */
    async report(user: User, yearInput: string | number | undefined, format: ReportFormat, ctx: RequestContext): Promise<AnnualReport> {
      const year = readYear(yearInput);
      const report = await build(user.areaCode, year);
      await db.transaction((tx) =>
        audit(tx, actorOf(user), ctx, {
          action: 'governance.annual_report_read',
          areaCode: user.areaCode,
          details: { year, format, members: report.membership.members.length },
        }),
      );
      return report;
    },
  };
}

export type AnnualReportService = ReturnType<typeof annualReportService>;
