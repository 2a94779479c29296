import type { Db } from '../platform/db.js';
import { paths } from '../platform/paths.js';
import { dashboardService } from './dashboard.js';
import * as plan from './planning-repository.js';
import * as repo from './repository.js';

/**
 * Indicators and the needs assessment as another feature cites them (issue 17 item 3: a commission's
 * needs analysis cites them, live). The citing feature keeps only an indicator's code or an outcome's
 * code; what is shown is read now from the dashboard and the needs assessment, never a copy.
 */

export interface IndicatorNow {
  code: string;
  title: string;
  href: string;
  /** False when the area has no such indicator (any more): the citation shows the code alone. */
  known: boolean;
  latestPeriod: string | null;
  latestText: string;
  englandText: string;
  direction: string;
  rag: string | null;
  targetText: string | null;
}

export interface NeedsNow {
  outcomeCode: string;
  outcomeName: string;
  href: string;
  known: boolean;
  /** The needs assessment's words on the outcome as they stand, the first 400 characters. */
  narrativeExcerpt: string;
  narrativeUpdatedAt: Date | null;
}

export function citedOutcomes({ db }: { db: Db }) {
  const dashboard = dashboardService({ db });
  return {
    /** Indicators as the dashboard shows them now, in the order asked. */
    async indicatorsNow(areaCode: string, codes: readonly string[]): Promise<IndicatorNow[]> {
      if (codes.length === 0) return [];
      const rows = (await dashboard.dashboard(areaCode)).outcomes.flatMap((o) => o.rows);
      return codes.map((code) => {
        const row = rows.find((r) => r.code === code);
        return row
          ? { code, title: row.title, href: paths.outcomesIndicator(code), known: true, latestPeriod: row.latestPeriod, latestText: row.latestText, englandText: row.englandText, direction: row.direction, rag: row.rag, targetText: row.targetText }
          : { code, title: code, href: paths.outcomesIndicator(code), known: false, latestPeriod: null, latestText: 'not known', englandText: 'not known', direction: 'not available', rag: null, targetText: null };
      });
    },

    /** The needs assessment's page on each outcome, with its narrative as it stands. */
    async needsNow(areaCode: string, outcomeCodes: readonly string[]): Promise<NeedsNow[]> {
      if (outcomeCodes.length === 0) return [];
      const [outcomes, narratives] = await Promise.all([repo.listOutcomesWithAims(db), plan.listNarratives(db, areaCode)]);
      return outcomeCodes.map((code) => {
        const outcome = outcomes.find((o) => o.code === code);
        const narrative = narratives.find((n) => n.outcomeCode === code);
        const text = narrative?.narrative ?? '';
        return {
          outcomeCode: code,
          outcomeName: outcome?.everydayName ?? code,
          href: paths.outcomesNeedsOutcome(code),
          known: outcome !== undefined,
          narrativeExcerpt: text.length > 400 ? `${text.slice(0, 400)}…` : text,
          narrativeUpdatedAt: narrative?.updatedAt ?? null,
        };
      });
    },

    /** The choices a citing form offers: the area's indicators and the five outcomes. */
    async choices(areaCode: string): Promise<{ indicators: { code: string; title: string }[]; outcomes: { code: string; name: string }[] }> {
      const [indicators, outcomes] = await Promise.all([repo.listIndicatorsForArea(db, areaCode), repo.listOutcomesWithAims(db)]);
      return { indicators: indicators.map((i) => ({ code: i.code, title: i.title })), outcomes: outcomes.map((o) => ({ code: o.code, name: o.everydayName })) };
    },
  };
}

export type CitedOutcomes = ReturnType<typeof citedOutcomes>;
