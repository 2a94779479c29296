import { commissioningPaths, fundsService, type FundKind } from '../commissioning/index.js';
import { BODY_KIND_LABELS, governancePaths, listBodies } from '../governance/index.js';
import { citedOutcomes, listOutcomesWithAims, type IndicatorNow, type NeedsNow } from '../outcomes/index.js';
import { partnershipService } from '../partnership/index.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { paths } from '../platform/paths.js';
import type { PlanContent, SectionKind } from './types.js';

/**
 * What a section draws live from the features that know it (issue 18 item 1; ADR 0034), read through their
 * public faces each time the section is shown, never pasted into its words: the needs assessment of each outcome
 * and the priorities' indicators (outcomes), the pooled funds and aligned budgets with their totals
 * (commissioning), the partner register (partnership) and the bodies that govern the trust (governance).
 */

export interface LiveBudget {
  id: string;
  name: string;
  kind: FundKind;
  href: string;
  hostName: string | null;
  contributedPence: number;
  committedPence: number;
  spentPence: number;
}

export interface LiveSection {
  needs?: { outcomes: NeedsNow[]; indicators: IndicatorNow[] };
  budgets?: { funds: LiveBudget[]; href: string };
  cooperation?: {
    partners: { id: string; name: string; sector: string; status: string }[];
    partnersHref: string;
    bodies: { id: string; name: string; kind: string; href: string }[];
  };
}

export function liveSections({ db, clock }: { db: Db; clock: Clock }) {
  const cited = citedOutcomes({ db });
  const funds = fundsService({ db, clock });
  const partnership = partnershipService({ db, clock });

  return {
    /** The live part of one section of the plan, or nothing for a section that draws on no other feature. */
    async forSection(content: PlanContent, kind: SectionKind): Promise<LiveSection> {
      const areaCode = content.plan.areaCode;
      switch (kind) {
        case 'needs_assessment': {
          const outcomes = await listOutcomesWithAims(db);
          const codes = [...new Set(content.priorities.flatMap((p) => p.indicators.map((i) => i.code)))];
          return {
            needs: {
              outcomes: await cited.needsNow(
                areaCode,
                outcomes.map((o) => o.code),
              ),
              indicators: await cited.indicatorsNow(areaCode, codes),
            },
          };
        }
        case 'budgets': {
          const list = await funds.list(areaCode);
          const rows: LiveBudget[] = [];
          for (const f of list) {
            const { total } = await funds.statement(areaCode, f.id);
            rows.push({
              id: f.id,
              name: f.name,
              kind: f.kind,
              href: f.kind === 'pooled' ? commissioningPaths.fund(f.id) : commissioningPaths.alignedBudget(f.id),
              hostName: f.hostOrganisationName,
              contributedPence: total.contributedPence,
              committedPence: total.committedPence,
              spentPence: total.spentPence,
            });
          }
          return { budgets: { funds: rows, href: commissioningPaths.home } };
        }
        case 'cooperation': {
          const overview = await partnership.areaOverview(areaCode);
          const bodies = (await listBodies(db, areaCode)).filter((b) => b.closedOn === null);
          return {
            cooperation: {
              partners: overview.organisations.map((o) => ({ id: o.id, name: o.name, sector: o.sector, status: o.statusOnDate })),
              partnersHref: paths.area(areaCode),
              bodies: bodies.map((b) => ({ id: b.id, name: b.name, kind: BODY_KIND_LABELS[b.kind], href: governancePaths.body(b.id) })),
            },
          };
        }
        case 'vision':
        case 'priorities':
        case 'performance_review':
        case 'other':
          return {};
      }
    },
  };
}

export type LiveSections = ReturnType<typeof liveSections>;
