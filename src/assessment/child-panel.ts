import type { ChildRecordPanel } from '../children/index.js';
import type { Queryable } from '../platform/db.js';
import { formatDate, formatDateTime } from '../platform/dates.js';
import { can } from '../platform/policy.js';
import { frontLineForViewer } from './front-line.js';
import type { ChildAssessments } from './types.js';

/**
 * What the front line shows on a child's record: the level of need and the common assessments
 * (domain brief §4), to the team around the child and those the family's consent covers; to anyone
 * else only that they are withheld and why (front-line.ts). Its moments are printed here, as the
 * rest of the platform prints them (the panel is rendered by the child index's pages).
 */
type Episode = ChildAssessments['assessments'][number];
export type PanelEpisode = Omit<Episode, 'leadProfessionals'> & {
  startedText: string;
  leadProfessionals: (Episode['leadProfessionals'][number] & { appointedText: string; endedText: string })[];
};

export interface AssessmentChildPanel {
  /** Null when withheld from the viewer. */
  frontLine: { needLevel: ChildAssessments['needLevel']; assessments: PanelEpisode[] } | null;
  /** Why the front line is withheld from the viewer, or null when shown. */
  withheld: string | null;
  openAssessment: PanelEpisode | undefined;
  /** The episodes this viewer may open: the others are listed without a link (a closed one's team has left). */
  openable: string[];
  /** The level of need in words. */
  levelText: string | null;
  /** Whether the viewer may start work (the checklist, a common assessment). */
  canAssess: boolean;
}

/** "Targeted since 2 December 2026 at 3:39pm (review on 2 December 2026)": the source's ISO dates printed too. */
function levelText(level: ChildAssessments['needLevel']): string | null {
  if (!level) return null;
  const source = level.source.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => formatDate(iso));
  const name = level.level.charAt(0).toUpperCase() + level.level.slice(1);
  return `${name} since ${formatDateTime(level.changedAt)}${source ? ` (${source})` : ''}`;
}

const printed = (a: Episode): PanelEpisode => ({
  ...a,
  startedText: formatDateTime(a.startedAt),
  leadProfessionals: a.leadProfessionals.map((l) => ({ ...l, appointedText: formatDateTime(l.appointedAt), endedText: formatDateTime(l.endedAt) })),
});

/** The front line's panel on the child record page (children/hooks.ts, ChildRecordPanel). */
export function assessmentChildPanel(db: Queryable): ChildRecordPanel<AssessmentChildPanel> {
  return {
    template: 'assessment/views/child-panel.njk',
    async load(childId, viewer) {
      const shown = await frontLineForViewer(db, viewer, childId);
      const frontLine = shown.frontLine ? { needLevel: shown.frontLine.needLevel, assessments: shown.frontLine.assessments.map(printed) } : null;
      return {
        frontLine,
        withheld: shown.shown ? null : shown.withheld,
        openAssessment: frontLine?.assessments.find((a) => a.status === 'open'),
        openable: shown.shown ? [...shown.openable] : [],
        levelText: levelText(shown.frontLine?.needLevel ?? null),
        canAssess: can(viewer, 'assessments.work'),
      };
    },
  };
}
