import type { AnnualReportSource } from '../../governance/index.js';
import { formatDate } from '../../platform/dates.js';
import type { Queryable } from '../../platform/db.js';
import { financialYearBounds } from '../../platform/money.js';
import { summaryOf } from './compute.js';
import { reviewPaths } from './paths.js';
import { findPublishedReview, publicPlanDuring } from './repository.js';

/**
 * The plan's part of governance's annual report of partnership activity (001 §3.4: the board publishes a
 * review of progress against the plan every year): the year's published review, summarised, with where it is
 * published in full. Passed to governance by src/services.ts as one of its report sources (ADR 0037), so
 * governance never imports the plan. A year of a published plan with no published review says so; a year
 * with no published plan at all adds nothing.
 */
export function planReviewReportSource(db: Queryable): AnnualReportSource {
  return async (areaCode, year) => {
    const review = await findPublishedReview(db, areaCode, year);
    const content = review?.publishedContent;
    if (!content) {
      const { from, to } = financialYearBounds(year);
      if (!(await publicPlanDuring(db, areaCode, from, to))) return null;
      return {
        id: 'plan-review',
        heading: 'The Children and Young People’s Plan: annual review',
        paragraphs: ['No review of the plan has been published for this year.'],
        links: [],
        tables: [],
      };
    }
    const i = content.totals.indicators;
    return {
      id: 'plan-review',
      heading: 'The Children and Young People’s Plan: annual review',
      paragraphs: [
        `The review of ${content.plan.title} for ${content.yearLabel}, published on ${formatDate((review.publishedAt ?? '').slice(0, 10))}.`,
        summaryOf(content),
        ...content.narrative.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '').slice(0, 1),
      ],
      links: [
        { text: `Read the annual review ${content.yearLabel}`, href: reviewPaths.ourPlanReview(areaCode, year) },
        { text: `The annual review ${content.yearLabel} as a PDF`, href: reviewPaths.ourPlanReviewPdf(areaCode, year) },
      ],
      tables: [
        {
          caption: 'Progress by priority',
          head: ['Priority', 'Key actions', 'Off track or at risk', 'Indicators met', 'Not met', 'No data'],
          rows: content.priorities.map((p) => [
            p.title,
            String(p.actions.length),
            String(p.actions.filter((a) => a.status === 'off_track' || a.status === 'at_risk').length),
            String(p.indicators.filter((x) => x.judgement === 'met').length),
            String(p.indicators.filter((x) => x.judgement === 'not_met').length),
            String(p.indicators.filter((x) => x.judgement === 'no_data').length),
          ]),
        },
        {
          caption: 'Indicators against the year’s targets, all priorities',
          head: ['Met', 'Not met', 'No data', 'Other'],
          rows: [[String(i.met), String(i.notMet), String(i.noData), String(i.other)]],
        },
      ],
    };
  };
}
