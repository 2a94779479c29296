import { viewerOf } from '../../children/index.js';
import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { openForUser } from '../access.js';
import { basisForAudit, childOfAssessment } from '../details.js';
import * as repo from './repository.js';
import { CHRONOLOGY_KINDS, type Chronology, type ChronologyEvent } from './types.js';

/**
 * The chronology of an episode (issue 14): what happened, when and by whom, oldest first. Built from
 * the records front-line work keeps, one query per source, merged and sorted here; shown to whoever
 * may open the assessment itself, and each opening is an audited read of the child.
 */

export const CHRONOLOGY_PAGE_SIZE = 50;

export interface ChronologyQuery {
  kind?: string;
  page?: string | number;
}

/** The events of every source, in time order; events at the same moment keep their sources' order. */
async function allEvents(tx: Tx, assessmentId: string, masked: boolean): Promise<ChronologyEvent[]> {
  const consents = (await repo.consentEvents(tx, assessmentId)).map(({ givenByName, ...e }) =>
    // The parent or carer is named only to those who may see the child (ADR 0005).
    ({ ...e, detail: e.detail || (givenByName && !masked ? `Given by ${givenByName}` : '') }),
  );
  const sources = [
    await repo.assessmentEvents(tx, assessmentId),
    await repo.versionEvents(tx, assessmentId),
    consents,
    await repo.teamEvents(tx, assessmentId),
    await repo.leadEvents(tx, assessmentId),
    await repo.actionEvents(tx, assessmentId),
    await repo.reviewEvents(tx, assessmentId),
    await repo.referralEvents(tx, assessmentId),
    await repo.attachmentEvents(tx, assessmentId),
  ];
  return sources.flat().sort((a, b) => a.at.getTime() - b.at.getTime());
}

function readQuery(query: ChronologyQuery): { kind: Chronology['kind']; page: number } {
  const errors = new FieldErrors();
  const kind = query.kind === undefined || query.kind === '' ? null : query.kind;
  if (kind !== null && !CHRONOLOGY_KINDS.is(kind))
    errors.add('kind', 'one_of', `Kind of event must be one of: ${CHRONOLOGY_KINDS.values.join(', ')}`);
  const pageText = String(query.page ?? '1');
  if (!/^[1-9]\d{0,5}$/.test(pageText)) errors.add('page', 'positive_integer', 'Page must be a whole number, 1 or more');
  errors.throwIfAny();
  return { kind: kind as Chronology['kind'], page: Number(pageText) };
}

export function chronologyService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  return {
    /** One page of the episode's chronology, filtered by kind of event when asked; audited as a read of the child. */
    async ofAssessment(user: User, assessmentId: string, query: ChronologyQuery, ctx: RequestContext): Promise<Chronology> {
      const { kind, page } = readQuery(query);
      return db.transaction(async (tx) => {
        const { assessment, basis } = await openForUser(tx, user, assessmentId);
        const child = await childOfAssessment(tx, assessment.childId, viewerOf(user), todayOf(clock));
        const events = (await allEvents(tx, assessment.id, child.masked)).filter((e) => kind === null || e.kind === kind);
        const pages = Math.max(1, Math.ceil(events.length / CHRONOLOGY_PAGE_SIZE));
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'assessment.chronology_viewed',
          subject: { type: 'common_assessment', id: assessment.id },
          details: { childIds: [assessment.childId], ...basisForAudit(basis) },
        });
        return {
          assessmentId: assessment.id,
          childId: assessment.childId,
          childName: child.displayName,
          kind,
          events: events.slice((page - 1) * CHRONOLOGY_PAGE_SIZE, page * CHRONOLOGY_PAGE_SIZE),
          total: events.length,
          page,
          pages,
        };
      });
    },
  };
}

export type ChronologyService = ReturnType<typeof chronologyService>;
