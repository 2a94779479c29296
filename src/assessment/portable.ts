import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import ajvFormats from 'ajv-formats';
import { recordAudit, type RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import { todayIso } from '../platform/dates.js';
import type { Db, Tx } from '../platform/db.js';
import { AppError, validationFailed, type FieldError } from '../platform/errors.js';
import { validateChild, type ValidChild } from '../children/input.js';
import { findLikelyDuplicates } from '../children/matching.js';
import * as childRepo from '../children/repository.js';
import * as childWrites from '../children/writes.js';
import { latestConsent, openForUser } from './access.js';
import { elementKeys, findForm } from './form.js';
import * as repo from './repository.js';
import { basisForAudit } from './service.js';
import type { AssessmentContent } from './types.js';
import * as writes from './writes.js';

/**
 * The portable common assessment (000 §2.25: when children move between local areas their
 * assessments are easily transferable). One installation exports the latest completed version as
 * a versioned JSON document (schemas/common-assessment-v1.schema.json, described in
 * docs/portable-assessment-format.md); the receiving area's installation checks it and imports it.
 */

export const PORTABLE_FORMAT = 'ctp-common-assessment';
export const PORTABLE_FORMAT_VERSION = 1;

/** The document, format version 1. Every field is described in the JSON Schema. */
export interface PortableAssessment {
  format: typeof PORTABLE_FORMAT;
  formatVersion: typeof PORTABLE_FORMAT_VERSION;
  exportedAt: string;
  fromArea: { code: string; name: string };
  form: { code: string; version: string };
  child: {
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    gender: 'female' | 'male' | 'other' | 'unknown';
    nhsNumber: string | null;
    upn: string | null;
    postcode: string;
    /** Optional: why a young person of 18 or over is held (000 §1.15); without it they could not be recorded. */
    extendedScope?: 'young adult' | 'care leaver' | 'learning difficulty or disability' | null;
  };
  assessment: {
    version: number;
    completedAt: string;
    completedByName: string;
    assessorName: string;
    assessorOrganisation: string;
    assessorService: string;
    onBehalfOf: string;
    content: AssessmentContent;
  };
  history: { version: number; completedAt: string; completedByName: string; changeNote: string }[];
  consent: {
    kind: 'given' | 'without consent';
    givenByName: string;
    givenByRelationship: '' | 'child or young person' | 'parent or carer';
    givenOn: string;
    method: '' | 'in writing' | 'verbally';
    legalBasis: string;
    /** Who decided to share without consent; the receiving area records the same decision. */
    decidedByName: string;
  };
  leadProfessional: { name: string; organisation: string; phone: string; email: string } | null;
  team: { practitionerName: string; service: string; organisation: string; role: string; phone: string; email: string }[];
}

/** The schema itself, for routes that publish it. */
export const portableAssessmentSchema = JSON.parse(
  readFileSync(new URL('../../schemas/common-assessment-v1.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
// ajv-formats is CommonJS: under NodeNext its default export is typed as the module, whose `default` is the plugin.
ajvFormats.default(ajv);
const matchesSchema = ajv.compile<PortableAssessment>(portableAssessmentSchema);

const pointer = (name: string): string => `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;

const FORMAT_WORDS: Record<string, string> = {
  date: 'a real date in the format YYYY-MM-DD, like 2016-04-02',
  'date-time': 'a date and time with a time zone, like 2027-03-27T14:05:00Z',
};

/** One Ajv error as a fault a person can act on: the JSON path of the fault, the keyword broken, and words. */
function toFault(e: ErrorObject): FieldError {
  const p = e.params as Record<string, unknown>;
  const extra = p.missingProperty ?? p.additionalProperty ?? p.propertyName;
  const field = `${e.instancePath}${typeof extra === 'string' ? pointer(extra) : ''}` || '/';
  const limit = String(p.limit);
  const words = ((): string => {
    switch (e.keyword) {
      case 'required':
        return 'is missing';
      case 'additionalProperties':
        return `is not part of format version ${PORTABLE_FORMAT_VERSION}: remove it`;
      case 'enum':
        return `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      case 'const':
        return `must be ${JSON.stringify(p.allowedValue)}`;
      case 'type':
        return `must be ${String(p.type).replace(',', ' or ')}`;
      case 'format':
        return `must be ${FORMAT_WORDS[String(p.format)] ?? String(p.format)}`;
      case 'maxLength':
        return `must be ${limit} characters or less`;
      case 'pattern':
        return p.pattern === '\\S' ? 'must not be blank' : 'is not in the right form';
      case 'minimum':
        return `must be ${limit} or more`;
      case 'maxItems':
      case 'maxProperties':
        return `must have ${limit} entries or fewer`;
      default:
        return e.message ?? 'is not valid';
    }
  })();
  return { field, rule: e.keyword, message: `${field} ${words}` };
}

const asObject = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const asString = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The rules beyond the schema, read defensively so they are reported beside any structural fault:
 * the form must be one this installation knows, with only its elements; the child's identifiers
 * and names pass the index's own rules; and the file must come from another area.
 */
function checkMeaning(doc: Record<string, unknown>, user: User, faults: FieldError[]): ValidChild | undefined {
  const form = asObject(doc.form);
  if (form && typeof form.code === 'string' && typeof form.version === 'string') {
    const known = findForm(form.code, form.version);
    if (!known) {
      faults.push({
        field: '/form',
        rule: 'unknown_form',
        message: `/form ${form.code} version ${form.version} is not a form this installation knows`,
      });
    } else {
      const keys = new Set(elementKeys(known));
      const elements = asObject(asObject(asObject(doc.assessment)?.content)?.elements) ?? {};
      for (const key of Object.keys(elements).filter((k) => !keys.has(k))) {
        const field = `/assessment/content/elements${pointer(key)}`;
        faults.push({
          field,
          rule: 'unknown_element',
          message: `${field} is not an element of the form ${known.code} version ${known.version}`,
        });
      }
    }
  }
  const fromArea = asObject(doc.fromArea);
  if (fromArea && fromArea.code === user.areaCode) {
    faults.push({
      field: '/fromArea/code',
      rule: 'same_area',
      message: '/fromArea/code is this area: the assessment is already held here',
    });
  }
  const child = asObject(doc.child);
  if (!child) return undefined;
  // The index's own rules (checkNhsNumber, checkUpn, checkPostcode, names, date of birth and age scope).
  const checked = validateChild({
    givenName: asString(child.givenName),
    familyName: asString(child.familyName),
    dateOfBirth: asString(child.dateOfBirth),
    gender: asString(child.gender),
    nhsNumber: asString(child.nhsNumber),
    upn: asString(child.upn),
    postcode: asString(child.postcode),
    extendedScope: asString(child.extendedScope),
  });
  if (checked.ok) return checked.value;
  for (const e of checked.errors.errors)
    faults.push({ field: `/child/${e.field}`, rule: e.rule, message: `/child/${e.field}: ${e.message}` });
  return undefined;
}

/** The document, checked against the schema and the rules beyond it; every fault is reported at once. */
export function readPortableAssessment(document: unknown, user: User): { doc: PortableAssessment; child: ValidChild } {
  const root = asObject(document);
  if (!root) throw validationFailed([{ field: '/', rule: 'type', message: 'The file must hold one JSON object' }]);
  // A version this installation does not know is refused on its own: its other fields mean something else.
  if (root.format !== PORTABLE_FORMAT || root.formatVersion !== PORTABLE_FORMAT_VERSION) {
    const field = root.format !== PORTABLE_FORMAT ? '/format' : '/formatVersion';
    throw validationFailed([
      {
        field,
        rule: 'unknown_format_version',
        message: `This is not a ${PORTABLE_FORMAT} document of format version ${PORTABLE_FORMAT_VERSION}, the version this installation reads (${field} is ${JSON.stringify(root[field.slice(1)] ?? null)})`,
      },
    ]);
  }
  const faults: FieldError[] = [];
  const valid = matchesSchema(root);
  // 'if' only says a conditional failed; the keyword inside it names the fault.
  if (!valid) faults.push(...(matchesSchema.errors ?? []).filter((e) => e.keyword !== 'if').map(toFault));
  const child = checkMeaning(root, user, faults);
  const unique = faults.filter((f, i) => faults.findIndex((g) => g.field === f.field) === i);
  if (!valid || !child || unique.length > 0) throw validationFailed(unique);
  return { doc: root, child };
}

function toDocument(parts: Omit<PortableAssessment, 'format' | 'formatVersion' | 'exportedAt'>): PortableAssessment {
  return { format: PORTABLE_FORMAT, formatVersion: PORTABLE_FORMAT_VERSION, exportedAt: new Date().toISOString(), ...parts };
}

/** The child in this area with the document's NHS number, else its UPN; refused when the two point at different children. */
async function findChildByIdentifiers(tx: Tx, user: User, child: ValidChild): Promise<string | undefined> {
  type Row = { id: string; nhs_number: string | null; visible: boolean };
  const sql = (column: 'nhs_number' | 'upn') =>
    `SELECT id, nhs_number, (shielded_at IS NULL OR shielded_by_organisation_id = $3 OR $4::boolean) AS visible
       FROM child WHERE area_code = $1 AND ${column} = $2 AND merged_into_id IS NULL`;
  const params = (value: string) => [user.areaCode, value, user.organisationId, user.designatedSafeguarding];
  const [byNhs] = child.nhsNumber ? await tx.query<Row>(sql('nhs_number'), params(child.nhsNumber)) : [];
  const [byUpn] = !byNhs && child.upn ? await tx.query<Row>(sql('upn'), params(child.upn)) : [];
  if (byUpn && byUpn.nhs_number && child.nhsNumber && byUpn.nhs_number !== child.nhsNumber) {
    throw new AppError(
      409,
      'upn_conflict',
      'This child does not match the index',
      'The UPN in the file belongs to a child in this area with a different NHS number. Check the file with the sending area.',
      [{ field: '/child/upn', rule: 'upn_conflict', message: '/child/upn belongs to a child in this area with a different NHS number' }],
    );
  }
  const found = byNhs ?? byUpn;
  if (found && !found.visible) {
    throw new AppError(
      409,
      'child_shielded',
      'Ask your designated safeguarding lead',
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
    return new AppError(409, 'conflict', 'There is a problem', 'Someone recorded this child at the same moment: try the import again.');
  }
  return undefined;
}

const assessmentOpen = (): AppError =>
  new AppError(
    409,
    'assessment_open',
    'An assessment is already open',
    'This child already has an open common assessment in this area. Add what the file says to it, or close it before importing.',
  );

export function portableService({ db }: { db: Db }) {
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
          throw new AppError(409, 'not_completed', 'Not completed yet', 'Only a completed assessment can be exported: complete it first.');
        }
        const consent = latestConsent(consents);
        if (!consent || consent.withdrawnAt || (consent.kind !== 'given' && consent.kind !== 'without consent')) {
          throw new AppError(
            409,
            'no_consent_to_share',
            'No consent to share',
            'Exporting the assessment to another area shares it: record the family’s consent to share first.',
          );
        }
        const child = await childRepo.findChild(tx, user.areaCode, assessment.childId);
        if (!child) throw new Error(`child ${assessment.childId} of assessment ${assessment.id} is missing`);
        if (child.shielded && !user.designatedSafeguarding) {
          throw new AppError(
            409,
            'shielded',
            'Ask your designated safeguarding lead',
            'This child’s record is shielded: only a designated safeguarding lead can export it.',
          );
        }
        const versions = await repo.listVersions(tx, assessment.id);
        const latest = versions.find((v) => v.version === assessment.latestVersion);
        if (!latest) throw new Error(`version ${assessment.latestVersion} of assessment ${assessment.id} is missing`);
        const lead = (await repo.listLeadProfessionals(tx, assessment.id)).find((l) => l.endedAt === null);
        const leadMember = lead && team.find((m) => m.id === lead.teamMemberId);
        const document = toDocument({
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
            content: latest.content,
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
        });
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
      const { doc, child } = readPortableAssessment(document, user);
      const { fromArea, assessment: sent, consent } = doc;
      try {
        return await db.transaction(async (tx) => {
          const found = await findChildByIdentifiers(tx, user, child);
          const childId = found ?? (await childWrites.insertChild(tx, user.areaCode, child));
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
            onBehalfOf: sent.onBehalfOf,
            importedFromArea: fromArea.code,
          });
          const from = `${fromArea.name} (${fromArea.code})`;
          await writes.insertVersion(tx, {
            areaCode: user.areaCode,
            assessmentId,
            version: sent.version,
            content: sent.content,
            changeNote: `Imported from ${from}`,
            completedBy: null,
            completedByName: sent.completedByName,
            completedAt: new Date(sent.completedAt),
          });
          const today = todayIso();
          const service = user.jobTitle.trim() || 'Receiving practitioner';
          await writes.joinTeamAsSelf(tx, user, { childId, assessmentId, service, joinedOn: today });
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
          });
          if (sent.content.levelOfNeed !== '') {
            await writes.recordNeedLevel(tx, {
              areaCode: user.areaCode,
              childId,
              level: sent.content.levelOfNeed,
              source: `common assessment version ${sent.version}, imported from ${from}`,
              assessmentId,
              changedBy: user.id,
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
