import { auditWithClock, type Actor, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db.js';
import { notFound, platformProblems } from '../../platform/errors.js';
import { assessmentProblems } from '../errors.js';
import { NATIONAL_CAF, type AssessmentForm } from '../form.js';
import { definitionOf, readFormDefinition, type FormDefinition } from './definition.js';
import * as repo from './repository.js';
import type { StoredForm } from './repository.js';

/**
 * Local assessment forms (004 para 186; issue 13 item 4): an area administrator uploads a form
 * definition, previews the draft, and publishes it as a new version; practitioners then choose it
 * when they start an assessment. A published version never changes (migration 0018's trigger).
 */

/** A form a practitioner may start an assessment on. */
export interface FormChoice {
  code: string;
  version: string;
  title: string;
  national: boolean;
}

/**
 * Who acts on an area's forms: its administrator, signed in, or the operator on the server with
 * `ctp forms` (no user of the area: the version then names no person, and the audit trail the operator).
 */
export type FormActor = User | FormOperator;
export interface FormOperator {
  operator: true;
  areaCode: string;
}
export const formOperator = (areaCode: string): FormOperator => ({ operator: true, areaCode });

const isOperator = (who: FormActor): who is FormOperator => 'operator' in who;
const userIdOf = (who: FormActor): string | null => (isOperator(who) ? null : who.id);
const actorOfWho = (who: FormActor): Actor =>
  isOperator(who) ? { userId: null, label: 'operator (command line)', role: null, areaCode: who.areaCode } : actorOf(who);

const published = (forms: StoredForm[]) => forms.filter((f) => f.status === 'published');

/** The latest published version of each local form (by publication), after the national form. */
function choicesOf(national: AssessmentForm, local: StoredForm[]): FormChoice[] {
  const latest = new Map<string, StoredForm>();
  for (const f of published(local)) {
    const held = latest.get(f.code);
    if (!held || (f.publishedAt?.getTime() ?? 0) > (held.publishedAt?.getTime() ?? 0)) latest.set(f.code, f);
  }
  return [
    { code: national.code, version: national.version, title: national.title, national: true },
    ...[...latest.values()].map((f) => ({ code: f.code, version: f.version, title: f.title, national: false })),
  ];
}

export function formService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  const audit = (tx: Tx, who: FormActor, ctx: RequestContext, action: string, id: string, details: Record<string, unknown>) =>
    recordAudit(tx, actorOfWho(who), ctx, { action, subject: { type: 'assessment_form', id }, details });

  const load = async (q: Db | Tx, user: FormActor, id: string): Promise<StoredForm> => {
    const form = await repo.findFormOfArea(q, user.areaCode, id);
    if (!form) throw notFound('assessment form');
    return form;
  };

  return {
    national: NATIONAL_CAF,

    /** Every local form version of the user's area, drafts included (the administrator's list). */
    async list(user: FormActor): Promise<StoredForm[]> {
      return repo.listFormsOfArea(db, user.areaCode);
    },

    /** The forms offered when starting an assessment: the national form and the area's published local forms. */
    async choices(user: User): Promise<FormChoice[]> {
      return choicesOf(NATIONAL_CAF, await repo.listFormsOfArea(db, user.areaCode));
    },

    /** The form an assessment of the user's area names: national, or a published local form. */
    async find(user: User, code: string, version: string): Promise<AssessmentForm | undefined> {
      return repo.findForm(db, user.areaCode, code, version);
    },

    /** One local form version of the user's area, draft or published (its preview). */
    async get(user: FormActor, id: string): Promise<StoredForm> {
      return load(db, user, id);
    },

    /**
     * One local form version of the area by code (`ctp forms export --form`): the version named, else
     * the latest published one, else the newest draft. Not found names the versions the area holds.
     */
    async findVersion(user: FormActor, code: string, version?: string): Promise<StoredForm> {
      const versions = (await repo.listFormsOfArea(db, user.areaCode)).filter((f) => f.code === code);
      const latestPublished = [...published(versions)].sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0))[0];
      const found = version === undefined ? (latestPublished ?? versions[0]) : versions.find((f) => f.version === version);
      if (found) return found;
      const held = versions.map((f) => `${f.version} (${f.status})`).join(', ');
      throw platformProblems.notFound(
        held === ''
          ? `${user.areaCode} has no local form with the code ${code}`
          : `${user.areaCode} has no version ${version ?? ''} of the local form ${code}: it holds ${held}`,
      );
    },

    /**
     * A definition uploaded (or imported from another area's export), checked against the published
     * schema: any fault refuses the whole document with its JSON path and nothing is saved. It is held
     * as a draft of that code and version; uploading the same version again replaces the draft, but a
     * published version is refused: a change is a new version.
     */
    async upload(user: FormActor, document: unknown, ctx: RequestContext): Promise<string> {
      const definition = readFormDefinition(document);
      return db.transaction(async (tx) => {
        const held = await repo.findFormByCodeAndVersion(tx, user.areaCode, definition.code, definition.version);
        if (held?.status === 'published')
          throw assessmentProblems.formPublished(
            `Version ${definition.version} of ${definition.code} is published and cannot change: give the changed form a new version`,
            {
              fieldErrors: [
                {
                  field: '/version',
                  rule: 'published',
                  message: `/version ${definition.version} of ${definition.code} is already published`,
                },
              ],
            },
          );
        const at = clock.now();
        const by = userIdOf(user);
        const id = held ? held.id : await repo.insertDraft(tx, { areaCode: user.areaCode, definition, by, at });
        if (id === undefined)
          throw assessmentProblems.formUploadRace(
            `Version ${definition.version} of ${definition.code} was uploaded by someone else at the same moment: look at the list of forms, then upload again`,
          );
        if (held) await repo.replaceDraft(tx, held.id, { definition, by, at });
        await audit(tx, user, ctx, held ? 'assessment_form.draft_replaced' : 'assessment_form.uploaded', id, {
          code: definition.code,
          version: definition.version,
          elements: definition.domains.reduce((n, d) => n + d.elements.length, 0),
        });
        return id;
      });
    },

    /** Publishes a draft: practitioners may start assessments on it from now on, and it never changes. */
    async publish(user: FormActor, id: string, ctx: RequestContext): Promise<void> {
      await db.transaction(async (tx) => {
        const form = await load(tx, user, id);
        if (!(await repo.publishDraft(tx, form.id, userIdOf(user), clock.now())))
          throw assessmentProblems.formPublished(`Version ${form.version} of ${form.code} is already published`);
        await audit(tx, user, ctx, 'assessment_form.published', form.id, { code: form.code, version: form.version });
      });
    },

    /**
     * Discards a draft uploaded by mistake or replaced by a better idea: it was never offered, so no
     * assessment names it. A published version is never discarded: assessments may be written on it.
     */
    async discard(user: FormActor, id: string, ctx: RequestContext): Promise<void> {
      await db.transaction(async (tx) => {
        const form = await load(tx, user, id);
        if (!(await repo.deleteDraft(tx, form.id)))
          throw assessmentProblems.formPublished(
            `Version ${form.version} of ${form.code} is published and is never discarded: assessments may be written on it. To change the form, publish a new version`,
          );
        await audit(tx, user, ctx, 'assessment_form.draft_discarded', form.id, { code: form.code, version: form.version, title: form.title });
      });
    },

    /** The definition document of a local form version, to import into another area; audited. */
    async exportDefinition(user: FormActor, id: string, ctx: RequestContext): Promise<FormDefinition> {
      return db.transaction(async (tx) => {
        const form = await load(tx, user, id);
        await audit(tx, user, ctx, 'assessment_form.exported', form.id, { code: form.code, version: form.version });
        return definitionOf(form.form);
      });
    },
  };
}

export type FormService = ReturnType<typeof formService>;
