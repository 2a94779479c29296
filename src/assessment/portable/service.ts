import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Db, Tx } from '../../platform/db.js';
import { AppError, platformProblems } from '../../platform/errors.js';
import { callerOf } from '../../platform/subject-policy.js';
import { type ValidChild, findLikelyDuplicates, childRepo, childRules, childWrites } from '../../children/index.js';
import { latestConsent, openForUser } from '../access.js';
import * as repo from '../repository.js';
import { basisForAudit } from '../details.js';
import { findChildByNhsNumber, findChildByUpn } from './repository.js';
import * as writes from '../writes.js';
import { assessmentProblems } from '../errors.js';
import { NATIONAL_NEED_LEVELS } from '../form.js';
import { levelForNational, levelFromHistory, schemeInForce } from '../levels/service.js';

/**
 * The portable common assessment (000 §2.25: when children move between local areas their
 * assessments are easily transferable). One installation exports the latest completed version as
 * a versioned JSON document (schemas/common-assessment-v1.schema.json, described in
 * docs/portable-assessment-format.md); the receiving area's installation checks it and imports it.
 */

import { namedForm, PORTABLE_FORMAT, PORTABLE_FORMAT_VERSION, readPortableAssessment, type PortableAssessment } from './format.js';
import { findForm } from '../forms/repository.js';

export {
  PORTABLE_FORMAT,
  PORTABLE_FORMAT_VERSION,
  portableAssessmentSchema,
  readPortableAssessment,
  type PortableAssessment,
} from './format.js';
import * as teamRepo from '../team/repository.js';
import { openServiceNamed } from '../../directory/index.js';

function toDocument(parts: Omit<PortableAssessment, 'format' | 'formatVersion' | 'exportedAt'>, exportedAt: Date): PortableAssessment {
  return { format: PORTABLE_FORMAT, formatVersion: PORTABLE_FORMAT_VERSION, exportedAt: exportedAt.toISOString(), ...parts };
}

/** The child in this area with the document's NHS number, else its UPN; refused when the two point at different children. */
async function findChildByIdentifiers(tx: Tx, user: User, child: ValidChild): Promise<string | undefined> {
  const byNhs = child.nhsNumber ? await findChildByNhsNumber(tx, user, child.nhsNumber) : undefined;
  const byUpn = !byNhs && child.upn ? await findChildByUpn(tx, user, child.upn) : undefined;
  if (byUpn && byUpn.nhsNumber && child.nhsNumber && byUpn.nhsNumber !== child.nhsNumber) {
    throw assessmentProblems.upnConflict(
      'The UPN in the file belongs to a child in this area with a different NHS number. Check the file with the sending area.',
      {
        fieldErrors: [
          { field: '/child/upn', rule: 'upn_conflict', message: '/child/upn belongs to a child in this area with a different NHS number' },
        ],
      },
    );
  }
  const found = byNhs ?? byUpn;
  if (found && !found.visible) {
    throw assessmentProblems.importChildShielded(
      'A record in this area matches this child, but it is shielded. Ask your designated safeguarding lead to import this assessment.',
    );
  }
  return found?.id;
}

/** Unique indexes that a concurrent import can trip over, in words. */
function conflictOf(error: unknown): AppError | undefined {
  const message = error instanceof Error ? error.message : '';
  if (message.includes('common_assessment_one_open')) return assessmentOpen();
  if (message.includes('child_nhs_number_unique') || message.includes('child_upn_unique')) {
    return platformProblems.conflict('Someone recorded this child at the same moment: try the import again.');
  }
  return undefined;
}

const assessmentOpen = (): AppError =>
  assessmentProblems.assessmentOpen(
    'This child already has an open common assessment in this area. Add what the file says to it, or close it before importing.',
  );

export function portableService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  const audit = (tx: Tx, user: User, ctx: RequestContext, action: string, assessmentId: string, details: Record<string, unknown>) =>
    recordAudit(tx, actorOf(user), ctx, { action, subject: { type: 'common_assessment', id: assessmentId }, details });

  return {
    /**
     * The latest completed version as a portable document. Sending it to another area is a
     * disclosure (002 para 113), so beyond being able to open it, consent must be in force, or a
     * decision to share without consent recorded. A shielded child's record leaves only through a
     * designated safeguarding lead: the receiving area would not know to shield it.
     */
    async exportAssessment(user: User, assessmentId: string, ctx: RequestContext): Promise<PortableAssessment> {
      return db.transaction(async (tx) => {
        const { assessment, team, consents, basis } = await openForUser(tx, user, assessmentId);
        if (assessment.latestVersion === 0) {
          throw assessmentProblems.exportNotCompleted('Only a completed assessment can be exported: complete it first.');
        }
        const consent = latestConsent(consents);
        if (!consent || consent.withdrawnAt || (consent.kind !== 'given' && consent.kind !== 'without consent')) {
          throw assessmentProblems.noConsentToShare(
            'Exporting the assessment to another area shares it: record the family’s consent to share first.',
          );
        }
        const child = await childRepo.findChild(tx, user.areaCode, assessment.childId);
        if (!child) throw new Error(`child ${assessment.childId} of assessment ${assessment.id} is missing`);
        if (!childRules.permits(callerOf(user), 'export', child)) {
          throw assessmentProblems.exportShielded('This child’s record is shielded: only a designated safeguarding lead can export it.');
        }
        const versions = await repo.listVersions(tx, assessment.id);
        const latest = versions.find((v) => v.version === assessment.latestVersion);
        if (!latest) throw new Error(`version ${assessment.latestVersion} of assessment ${assessment.id} is missing`);
        const lead = (await teamRepo.listLeadProfessionals(tx, assessment.id)).find((l) => l.endedAt === null);
        const leadMember = lead && team.find((m) => m.id === lead.teamMemberId);
        const document = toDocument(
          {
            fromArea: { code: user.areaCode, name: user.areaName },
            form: { code: assessment.formCode, version: assessment.formVersion },
            child: {
              givenName: child.givenName,
              familyName: child.familyName,
              dateOfBirth: child.dateOfBirth,
              gender: child.gender,
              nhsNumber: child.nhsNumber,
              upn: child.upn,
              postcode: child.postcode,
              extendedScope: child.extendedScope,
            },
            assessment: {
              version: latest.version,
              completedAt: latest.completedAt.toISOString(),
              completedByName: latest.completedByName,
              assessorName: assessment.assessorName,
              assessorOrganisation: assessment.assessorOrganisationName,
              assessorService: assessment.assessorService,
              onBehalfOf: assessment.onBehalfOf,
              // Across areas a level is one of 004 Table 4.1's four: each area names its own (0017).
              content: {
                ...latest.content,
                levelOfNeed:
                  latest.content.levelOfNeed === ''
                    ? ''
                    : ((await levelFromHistory(tx, user.areaCode, latest.content.levelOfNeed))?.nationalLevel ?? ''),
              },
            },
            history: versions.map((v) => ({
              version: v.version,
              completedAt: v.completedAt.toISOString(),
              completedByName: v.completedByName,
              changeNote: v.changeNote,
            })),
            consent: {
              kind: consent.kind,
              givenByName: consent.givenByName,
              givenByRelationship: consent.givenByRelationship,
              givenOn: consent.givenOn,
              method: consent.method,
              legalBasis: consent.legalBasis,
              decidedByName: consent.decidedByName,
            },
            leadProfessional: leadMember
              ? {
                  name: leadMember.practitionerName,
                  organisation: leadMember.organisationName,
                  phone: leadMember.phone,
                  email: leadMember.email,
                }
              : null,
            team: team
              .filter((m) => m.leftOn === null)
              .map((m) => ({
                practitionerName: m.practitionerName,
                service: m.service,
                organisation: m.organisationName,
                role: m.role,
                phone: m.phone,
                email: m.email,
              })),
          },
          clock.now(),
        );
        await audit(tx, user, ctx, 'assessment.exported', assessment.id, {
          childIds: [assessment.childId],
          version: latest.version,
          consentId: consent.id,
          ...basisForAudit(basis),
        });
        return document;
      });
    },

    /**
     * Imports a document from another area: finds the child here by NHS number, else UPN, else
     * records them; creates the assessment as completed at the sending area's version, held by the
     * importing practitioner's organisation with them on its team, under the family's consent.
     */
    async importAssessment(
      user: User,
      document: unknown,
      ctx: RequestContext,
    ): Promise<{ assessmentId: string; childId: string; createdChild: boolean }> {
      const named = namedForm(document);
      const known = named && (await findForm(db, user.areaCode, named.code, named.version));
      const { doc, child } = readPortableAssessment(document, user, () => known);
      const { fromArea, assessment: sent, consent } = doc;
      try {
        return await db.transaction(async (tx) => {
          const found = await findChildByIdentifiers(tx, user, child);
          const childId = found ?? (await childWrites.insertChild(tx, user.areaCode, child, clock.now()));
          const createdChild = found === undefined;
          if (createdChild) {
            const possibleDuplicates = await findLikelyDuplicates(tx, user.areaCode, childId);
            await recordAudit(tx, actorOf(user), ctx, {
              action: 'child.created',
              subject: { type: 'child', id: childId },
              details: { childIds: [childId], possibleDuplicates, source: 'common assessment import', fromArea: fromArea.code },
            });
          }
          if (await repo.findOpenAssessmentForChild(tx, childId)) throw assessmentOpen();
          const assessmentId = await writes.insertAssessment(tx, {
            areaCode: user.areaCode,
            childId,
            formCode: doc.form.code,
            formVersion: doc.form.version,
            assessorUserId: null,
            assessorName: sent.assessorName,
            // Held by the importing organisation: it answers for the assessment here.
            assessorOrganisationId: user.organisationId,
            assessorOrganisationName: sent.assessorOrganisation,
            assessorService: sent.assessorService,
            // The sending area's service: this area's of the same name when it lists one (issue 14, bug 7).
            assessorServiceId: (await openServiceNamed(tx, user.areaCode, sent.assessorService, todayOf(clock)))?.id ?? null,
            onBehalfOf: sent.onBehalfOf,
            startedAt: clock.now(),
            importedFromArea: fromArea.code,
          });
          // The document carries a national level (004 Table 4.1): here it becomes this area's first level counted as it.
          const national = sent.content.levelOfNeed;
          const level = NATIONAL_NEED_LEVELS.is(national)
            ? levelForNational(await schemeInForce(tx, user.areaCode, todayOf(clock)), national)
            : undefined;
          const from = `${fromArea.name} (${fromArea.code})`;
          await writes.insertVersion(tx, {
            areaCode: user.areaCode,
            assessmentId,
            version: sent.version,
            content: { ...sent.content, levelOfNeed: level?.level ?? '' },
            changeNote: `Imported from ${from}`,
            completedBy: null,
            completedByName: sent.completedByName,
            completedAt: new Date(sent.completedAt),
          });
          const named = await openServiceNamed(tx, user.areaCode, user.jobTitle, todayOf(clock));
          const service = { id: named?.id ?? null, name: named?.name ?? (user.jobTitle.trim() || 'Receiving practitioner') };
          await teamRepo.joinTeamAsSelf(tx, user, { childId, assessmentId, service, at: clock.now() });
          // The family's decision travels with the assessment; sharing here is decided afresh (shareWith empty).
          await writes.insertConsent(tx, {
            areaCode: user.areaCode,
            assessmentId,
            kind: consent.kind,
            givenByName: consent.givenByName,
            givenByRelationship: consent.givenByRelationship,
            toRecord: true,
            shareWith: [],
            givenOn: consent.givenOn,
            method: consent.method,
            legalBasis: consent.legalBasis,
            decidedByName: consent.decidedByName,
            recordedBy: user.id,
            recordedAt: clock.now(),
          });
          if (level) {
            await writes.recordNeedLevel(tx, {
              areaCode: user.areaCode,
              childId,
              level,
              source: `common assessment version ${sent.version}, imported from ${from}`,
              assessmentId,
              changedBy: user.id,
              changedAt: clock.now(),
            });
          }
          await audit(tx, user, ctx, 'assessment.imported', assessmentId, {
            childIds: [childId],
            fromArea,
            version: sent.version,
            createdChild,
          });
          return { assessmentId, childId, createdChild };
        });
      } catch (error) {
        throw conflictOf(error) ?? error;
      }
    },
  };
}

export type PortableService = ReturnType<typeof portableService>;
